/**
 * The whole domain's tables. Later issues fill in services; every table exists from the start so that later
 * migrations stay additive. Quantities are whole units of the item's unit (顶, 床, 件, 箱, 台 …).
 * Dates are ISO `YYYY-MM-DD` text; instants are ISO timestamps; ids of user-created records are text UUIDs made
 * by the replica that created them, so that sync never has to renumber anything.
 */
import { sql } from 'drizzle-orm'
import {
  sqliteTable, text, integer, real, primaryKey, uniqueIndex, index, check,
} from 'drizzle-orm/sqlite-core'

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)

/** 统计用区划代码: district 310117, its street/town units and its communities. */
export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(), // 12-digit statistical code
  name: text('name').notNull(),
  level: text('level', { enum: ['city', 'district', 'street', 'community'] }).notNull(),
  parentCode: text('parent_code'),
  /** e.g. 街道, 镇, 居委会, 村委会, 特殊区域 */
  kind: text('kind'),
  population: integer('population'),
}, (t) => [index('regions_parent').on(t.parentCode)])

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  tier: text('tier', { enum: ['district', 'street', 'community'] }).notNull(),
  regionCode: text('region_code').notNull().references(() => regions.code),
  ownership: text('ownership', { enum: ['self', 'co', 'agreement', 'social'] }).notNull().default('self'),
  capacity: text('capacity'),
  keeper: text('keeper'),
  phone: text('phone'),
  address: text('address'),
  status: text('status', { enum: ['active', 'closed'] }).notNull().default('active'),
  openedOn: text('opened_on'),
  closedOn: text('closed_on'),
  createdAt: createdAt(),
  updatedAt: text('updated_at'),
  // Not unique in the database: two offices may open a site under the same code while apart, and both sites (and the
  // stock posted to them) must survive the sync. An office refuses a code it already holds (validateSite); a clash
  // that arrives by sync is listed for the planners until one is renamed (duplicateSiteCodes in network/sites.ts).
}, (t) => [index('sites_code').on(t.code), index('sites_region').on(t.regionCode)])

/** The communities a site serves (one point may serve several neighbouring committees). */
export const siteRegions = sqliteTable('site_regions', {
  siteId: text('site_id').notNull().references(() => sites.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
}, (t) => [primaryKey({ columns: [t.siteId, t.regionCode] }), index('site_regions_region').on(t.regionCode)])

/** 指导目录 items. */
export const items = sqliteTable('items', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  category: text('category').notNull(),
  nationalCode: text('national_code'),
  unit: text('unit').notNull(),
  spec: text('spec'),
  shelfLifeDays: integer('shelf_life_days'),
  returnable: integer('returnable', { mode: 'boolean' }).notNull().default(false),
  lotTracked: integer('lot_tracked', { mode: 'boolean' }).notNull().default(true),
  unitPrice: real('unit_price'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  // Not unique in the database, like sites.code: two district offices may give items the same code while apart (a
  // new item, or a rename); sync keeps both and the clash is listed for the planners (duplicateItemCodes).
}, (t) => [index('items_code').on(t.code)])

/** Targets per tier × item and plan year, with optional overrides for one region or one site. */
export const tierTargets = sqliteTable('tier_targets', {
  id: text('id').primaryKey(),
  planYear: integer('plan_year').notNull(),
  tier: text('tier', { enum: ['district', 'street', 'community'] }).notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  mode: text('mode', { enum: ['fixed', 'per1000'] }).notNull().default('fixed'),
  quantity: real('quantity').notNull(),
  minimum: real('minimum'),
  required: integer('required', { mode: 'boolean' }).notNull().default(true),
  regionCode: text('region_code').references(() => regions.code),
  siteId: text('site_id').references(() => sites.id),
}, (t) => [index('tier_targets_item').on(t.itemId, t.planYear)])

/**
 * 指导目录的年度版本: an item's attributes for one plan year — its unit price (what that year's budget uses) and
 * whether the item is in that year's catalogue. No row for a year × item means "as the item itself says". No foreign
 * key to items: a version edit received from another office may arrive before the item it names.
 */
export const catalogueVersions = sqliteTable('catalogue_versions', {
  planYear: integer('plan_year').notNull(),
  itemId: text('item_id').notNull(),
  unitPrice: real('unit_price'),
  included: integer('included', { mode: 'boolean' }).notNull().default(true),
}, (t) => [primaryKey({ columns: [t.planYear, t.itemId] }), check('catalogue_versions_price', sql`${t.unitPrice} IS NULL OR ${t.unitPrice} >= 0`)])

/**
 * 年度需求和购置计划: the planner's draft per plan year × tier × item. The computed gap is where a draft starts; a
 * row here is the planner's own quantity (and price) for that line, kept until they change it again.
 */
export const procurementPlanLines = sqliteTable('procurement_plan_lines', {
  planYear: integer('plan_year').notNull(),
  tier: text('tier', { enum: ['district', 'street', 'community'] }).notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  quantity: integer('quantity').notNull(),
  unitPrice: real('unit_price'),
  note: text('note'),
  updatedAt: text('updated_at'),
}, (t) => [primaryKey({ columns: [t.planYear, t.tier, t.itemId] }), check('procurement_plan_quantity', sql`${t.quantity} >= 0`)])

export const lots = sqliteTable('lots', {
  id: text('id').primaryKey(),
  itemId: text('item_id').notNull().references(() => items.id),
  lotNo: text('lot_no').notNull(),
  productionDate: text('production_date'),
  expiryDate: text('expiry_date'),
  supplier: text('supplier'),
  unitCost: real('unit_cost'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('lots_item_lot').on(t.itemId, t.lotNo), index('lots_expiry').on(t.expiryDate, t.itemId)])

export const DOCUMENT_TYPES = [
  'receipt', // 入库单 (采购/捐赠)
  'issue', // 出库单 (发放)
  'transfer_in', // 调入
  'transfer_out', // 调出
  'return', // 回收入库
  'scrap', // 报废
  'expire', // 过期
  'stocktake', // 盘点单 (盘盈/盘亏)
  'reversal', // 冲销
] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** 单据: a document posts all of its lines in one transaction or none. Never edited after posting. */
export const documents = sqliteTable('documents', {
  id: text('id').primaryKey(),
  docNo: text('doc_no').notNull(),
  type: text('type', { enum: DOCUMENT_TYPES }).notNull(),
  /** 采购入库, 捐赠入库, 发放 … */
  subtype: text('subtype'),
  siteId: text('site_id').notNull().references(() => sites.id),
  counterpartySiteId: text('counterparty_site_id').references(() => sites.id),
  counterparty: text('counterparty'),
  docDate: text('doc_date').notNull(),
  reason: text('reason'),
  reversesDocId: text('reverses_doc_id'),
  incidentId: text('incident_id'),
  transferOrderId: text('transfer_order_id'),
  handledBy: text('handled_by'),
  author: text('author').notNull(),
  replicaId: text('replica_id').notNull(),
  eventId: text('event_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('documents_doc_no').on(t.docNo), index('documents_site').on(t.siteId, t.docDate),
  // every reversal asks whether its document was reversed already (and the conflicts page, by whom)
  index('documents_reverses').on(t.reversesDocId).where(sql`reverses_doc_id IS NOT NULL`),
])

export const documentLines = sqliteTable('document_lines', {
  documentId: text('document_id').notNull().references(() => documents.id),
  lineNo: integer('line_no').notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  lotId: text('lot_id').notNull().references(() => lots.id),
  quantity: integer('quantity').notNull(),
  unitCost: real('unit_cost'),
  note: text('note'),
}, (t) => [primaryKey({ columns: [t.documentId, t.lineNo] })])

/** 台账: append-only (triggers in a migration refuse UPDATE and DELETE). Signed quantity: + in, − out. */
export const stockMovements = sqliteTable('stock_movements', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  documentId: text('document_id').notNull().references(() => documents.id),
  lineNo: integer('line_no').notNull(),
  siteId: text('site_id').notNull().references(() => sites.id),
  itemId: text('item_id').notNull().references(() => items.id),
  lotId: text('lot_id').notNull().references(() => lots.id),
  quantity: integer('quantity').notNull(),
  movedOn: text('moved_on').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('stock_movements_doc_line').on(t.documentId, t.lineNo),
  index('stock_movements_site_item').on(t.siteId, t.itemId, t.id),
])

/** Projection of the ledger per site × item × lot; rebuildable from stock_movements. */
export const stockBalances = sqliteTable('stock_balances', {
  siteId: text('site_id').notNull().references(() => sites.id),
  itemId: text('item_id').notNull().references(() => items.id),
  lotId: text('lot_id').notNull().references(() => lots.id),
  quantity: integer('quantity').notNull(),
}, (t) => [
  primaryKey({ columns: [t.siteId, t.itemId, t.lotId] }),
  // by item, and by lot (with its item: a balance's item is its lot's, LOT_ITEM_MISMATCH refuses any other):
  // the balances of the few expired lots, which compliance subtracts from site_item_stock
  index('stock_balances_item_lot').on(t.itemId, t.lotId),
  // No CHECK (quantity >= 0) since the sync migration: two offices may each issue the last units of a lot while
  // offline; both issues are facts and are kept, the balance goes negative and the shortage is flagged
  // (conflicts.kind = 'negative_stock'). Local postings still refuse to overdraw (stock.ts checks before posting).
])

/**
 * Projection of stock_balances per site × item, kept by triggers on stock_balances (migration 0009), so that every
 * path that changes a balance — local postings, received events, stocktakes, rebuilds — keeps it right without
 * knowing of it. `quantity` is the sum of the lot balances; `onHand` the sum of the positive ones only (a lot driven
 * below zero by two offline issues does not cancel another lot's stock: what compliance counts); `lots` the number of
 * balance rows (the row goes when it reaches 0). Expiry is not in it: readers subtract the balances of lots expired
 * on their day (few, found through stock_balances_item_lot). No foreign keys: stock_balances has them.
 * A WITHOUT ROWID table in the migration (one B-tree; drizzle cannot say so here).
 */
export const siteItemStock = sqliteTable('site_item_stock', {
  siteId: text('site_id').notNull(),
  itemId: text('item_id').notNull(),
  quantity: integer('quantity').notNull(),
  onHand: integer('on_hand').notNull(),
  lots: integer('lots').notNull(),
}, (t) => [primaryKey({ columns: [t.siteId, t.itemId] })])

/** Enterprises holding stock or capacity for us under agreement. */
export const partners = sqliteTable('partners', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  creditCode: text('credit_code'), // 统一社会信用代码
  contact: text('contact'),
  phone: text('phone'),
  address: text('address'),
  createdAt: createdAt(),
})

export const agreements = sqliteTable('agreements', {
  id: text('id').primaryKey(),
  partnerId: text('partner_id').notNull().references(() => partners.id),
  agreementNo: text('agreement_no').notNull(),
  kind: text('kind', { enum: ['materials', 'capacity', 'transport'] }).notNull(),
  heldAt: text('held_at'),
  responseHours: real('response_hours'),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to').notNull(),
  tier: text('tier', { enum: ['district', 'street', 'community'] }),
  regionCode: text('region_code').references(() => regions.code),
  status: text('status', { enum: ['draft', 'active', 'ended'] }).notNull().default('active'),
  createdAt: createdAt(),
})

export const agreementLines = sqliteTable('agreement_lines', {
  agreementId: text('agreement_id').notNull().references(() => agreements.id),
  lineNo: integer('line_no').notNull(),
  itemId: text('item_id').references(() => items.id),
  quantity: real('quantity'),
  vehicleType: text('vehicle_type'),
  vehicleCount: integer('vehicle_count'),
  vehicleCapacity: text('vehicle_capacity'),
}, (t) => [primaryKey({ columns: [t.agreementId, t.lineNo] })])

/** Documents attached to an agreement (the signed contract, a price list …); the bytes live in the data folder. */
export const agreementAttachments = sqliteTable('agreement_attachments', {
  id: text('id').primaryKey(),
  agreementId: text('agreement_id').notNull().references(() => agreements.id),
  fileName: text('file_name').notNull(),
  /** path inside the data folder's attachments/ */
  storedAs: text('stored_as').notNull(),
  size: integer('size').notNull(),
  mime: text('mime'),
  createdAt: createdAt(),
}, (t) => [index('agreement_attachments_agreement').on(t.agreementId)])

/** 灾情事件 */
export const incidents = sqliteTable('incidents', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  level: text('level'),
  startedAt: text('started_at').notNull(),
  endedAt: text('ended_at'),
  status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
  createdAt: createdAt(),
  note: text('note'),
})

export const incidentRegions = sqliteTable('incident_regions', {
  incidentId: text('incident_id').notNull().references(() => incidents.id),
  regionCode: text('region_code').notNull().references(() => regions.code),
}, (t) => [primaryKey({ columns: [t.incidentId, t.regionCode] })])

/** 需求申报 */
export const requests = sqliteTable('requests', {
  id: text('id').primaryKey(),
  incidentId: text('incident_id').references(() => incidents.id),
  regionCode: text('region_code').references(() => regions.code),
  destinationSiteId: text('destination_site_id').references(() => sites.id),
  destinationAddress: text('destination_address'),
  urgency: text('urgency', { enum: ['normal', 'urgent', 'critical'] }).notNull().default('normal'),
  contact: text('contact'),
  status: text('status', { enum: ['open', 'partly', 'fulfilled', 'cancelled'] }).notNull().default('open'),
  createdAt: createdAt(),
  requestNo: text('request_no'),
  requester: text('requester'),
  note: text('note'),
})

export const requestLines = sqliteTable('request_lines', {
  requestId: text('request_id').notNull().references(() => requests.id),
  lineNo: integer('line_no').notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  quantity: integer('quantity').notNull(),
}, (t) => [primaryKey({ columns: [t.requestId, t.lineNo] })])

/** 调拨单 */
export const transferOrders = sqliteTable('transfer_orders', {
  id: text('id').primaryKey(),
  orderNo: text('order_no').notNull(),
  incidentId: text('incident_id').references(() => incidents.id),
  requestId: text('request_id').references(() => requests.id),
  fromSiteId: text('from_site_id').references(() => sites.id),
  fromAgreementId: text('from_agreement_id').references(() => agreements.id),
  toSiteId: text('to_site_id').references(() => sites.id),
  toAddress: text('to_address'),
  state: text('state', {
    enum: ['draft', 'approved', 'dispatched', 'partly_received', 'received', 'closed', 'cancelled'],
  }).notNull().default('draft'),
  vehicle: text('vehicle'),
  driver: text('driver'),
  createdAt: createdAt(),
  /** who made the order, and when each step happened (also in transfer_order_transitions) */
  createdBy: text('created_by'),
  approvedAt: text('approved_at'),
  dispatchedAt: text('dispatched_at'),
  receivedAt: text('received_at'),
  /** an agreement call-up: when the partner promised to deliver (approval + the agreement's response hours) */
  dueAt: text('due_at'),
  note: text('note'),
}, (t) => [
  uniqueIndex('transfer_orders_no').on(t.orderNo),
  index('transfer_orders_incident').on(t.incidentId, t.state),
  index('transfer_orders_agreement').on(t.fromAgreementId),
])

/** Every step of a transfer order: who did what, when, from which state to which. */
export const transferOrderTransitions = sqliteTable('transfer_order_transitions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  orderId: text('order_id').notNull().references(() => transferOrders.id),
  action: text('action').notNull(),
  fromState: text('from_state').notNull(),
  toState: text('to_state').notNull(),
  actor: text('actor').notNull(),
  at: text('at').notNull(),
  note: text('note'),
}, (t) => [index('transfer_order_transitions_order').on(t.orderId, t.id)])

export const transferOrderLines = sqliteTable('transfer_order_lines', {
  orderId: text('order_id').notNull().references(() => transferOrders.id),
  lineNo: integer('line_no').notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  lotId: text('lot_id').references(() => lots.id),
  requested: integer('requested').notNull(),
  allocated: integer('allocated').notNull().default(0),
  shipped: integer('shipped').notNull().default(0),
  received: integer('received').notNull().default(0),
  shortfallReason: text('shortfall_reason'),
  /** shipped but never to arrive (damaged, lost, short-shipped); in transit = shipped − received − shortfall */
  shortfall: integer('shortfall').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.orderId, t.lineNo] })])

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash'),
  /** comma-separated: keeper, planner, dispatcher, admin */
  roles: text('roles').notNull(),
  scopeKind: text('scope_kind', { enum: ['site', 'street', 'district'] }).notNull().default('district'),
  scopeRef: text('scope_ref'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  /** consecutive failed logins; reset by a successful one or an administrator's reset */
  failedLogins: integer('failed_logins').notNull().default(0),
  /** ISO instant until which logins are refused after too many failures */
  lockedUntil: text('locked_until'),
  passwordChangedAt: text('password_changed_at'),
  /** set by an administrator's reset: the user picks a new password at the next login */
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
}, (t) => [uniqueIndex('users_username').on(t.username)])

/** Signed-in sessions (hub cookie, desktop main process). Only a hash of the token is stored. */
export const sessions = sqliteTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  client: text('client', { enum: ['hub', 'desktop', 'test'] }).notNull(),
  createdAt: createdAt(),
  expiresAt: text('expires_at').notNull(),
  lastSeenAt: text('last_seen_at'),
}, (t) => [index('sessions_user').on(t.userId)])

/**
 * 审计日志: who did what, when, on which installation — every change, every refusal, every login. Append-only
 * (triggers refuse UPDATE and DELETE). A change's entry names the event that carried it.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  replicaId: text('replica_id').notNull(),
  actorId: text('actor_id').notNull(),
  actorName: text('actor_name').notNull(),
  /** an api method name, or auth.login / auth.loginFailed / auth.logout */
  action: text('action').notNull(),
  outcome: text('outcome', { enum: ['ok', 'refused', 'failed'] }).notNull(),
  entity: text('entity'),
  entityId: text('entity_id'),
  siteId: text('site_id'),
  before: text('before', { mode: 'json' }),
  after: text('after', { mode: 'json' }),
  detail: text('detail'),
  eventId: text('event_id'),
}, (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actorId, t.at)])

/** Every installation is a replica; exactly one row has is_local = 1. */
export const replicas = sqliteTable('replicas', {
  id: text('id').primaryKey(),
  name: text('name'),
  isLocal: integer('is_local', { mode: 'boolean' }).notNull().default(false),
  /** highest contiguous seq seen from this replica: the version vector entry */
  seenSeq: integer('seen_seq').notNull().default(0),
  /** a demo installation (试用演示数据): its id ends in -demo, and a real installation or hub refuses its events */
  demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
})

/** The event log: every change, `<replicaId>:<seq>`, gap-free per replica, with a hybrid logical clock. */
export const events = sqliteTable('events', {
  id: text('id').primaryKey(),
  replicaId: text('replica_id').notNull(),
  seq: integer('seq').notNull(),
  hlc: text('hlc').notNull(),
  type: text('type').notNull(),
  version: integer('version').notNull().default(1),
  entityId: text('entity_id').notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  author: text('author').notNull(),
  appliedAt: text('applied_at'),
}, (t) => [uniqueIndex('events_replica_seq').on(t.replicaId, t.seq), index('events_hlc').on(t.hlc)])

/** Losing concurrent edits and flagged cases, kept for review (never dropped). */
export const conflicts = sqliteTable('conflicts', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  field: text('field'),
  winnerEventId: text('winner_event_id'),
  loserEventId: text('loser_event_id'),
  detail: text('detail', { mode: 'json' }),
  resolvedAt: text('resolved_at'),
  resolvedBy: text('resolved_by'),
  createdAt: createdAt(),
})

/** Per-installation settings (sync folder, hub url, language, document counters). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

/** 盘点: a count of one site, opened with a snapshot of the expected quantity per item × lot, posted once. */
export const stocktakes = sqliteTable('stocktakes', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull().references(() => sites.id),
  status: text('status', { enum: ['open', 'posted', 'cancelled'] }).notNull().default('open'),
  /** 盲盘: the counters do not see the expected quantities */
  blind: integer('blind', { mode: 'boolean' }).notNull().default(false),
  openedOn: text('opened_on').notNull(),
  openedBy: text('opened_by').notNull(),
  note: text('note'),
  /** the 盘点单 posted from it */
  documentId: text('document_id').references(() => documents.id),
  postedAt: text('posted_at'),
  createdAt: createdAt(),
}, (t) => [index('stocktakes_site').on(t.siteId, t.status)])

export const stocktakeLines = sqliteTable('stocktake_lines', {
  stocktakeId: text('stocktake_id').notNull().references(() => stocktakes.id),
  lineNo: integer('line_no').notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  lotId: text('lot_id').notNull().references(() => lots.id),
  expected: integer('expected').notNull(),
  /** null until counted */
  counted: integer('counted'),
  reason: text('reason'),
}, (t) => [primaryKey({ columns: [t.stocktakeId, t.lineNo] }), uniqueIndex('stocktake_lines_lot').on(t.stocktakeId, t.itemId, t.lotId)])

/**
 * Last-writer-wins per field: the clock and event of the value each field of a mutable record holds now
 * (core/sync/lww.ts). A later edit with a higher HLC wins; the losing concurrent edit goes to `conflicts`.
 */
export const fieldClocks = sqliteTable('field_clocks', {
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  field: text('field').notNull(),
  hlc: text('hlc').notNull(),
  eventId: text('event_id').notNull(),
}, (t) => [primaryKey({ columns: [t.entity, t.entityId, t.field] })])

/** Installations allowed to sync with this hub; the token itself is shown once and only its hash is kept. */
export const hubDevices = sqliteTable('hub_devices', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  /** what the device may write: 'district' (anything), 'street' (sites of one street/town), 'site' (one site) */
  scopeKind: text('scope_kind', { enum: ['site', 'street', 'district'] }).notNull(),
  scopeRef: text('scope_ref'),
  replicaId: text('replica_id'),
  lastSeenAt: text('last_seen_at'),
  revokedAt: text('revoked_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('hub_devices_token').on(t.tokenHash)])

/**
 * 人均需求标准: what one affected person needs of an item in the first days of an incident of a type (a typhoon: a
 * quilt per person, 3 bottles of water …), kept by the district planner; the readiness simulation (core/readiness)
 * multiplies them by the affected population. `kgPerUnit` lets the simulation count the lorries it takes. The id is
 * derived from type + item, so two offices keeping the same norm offline agree on one record.
 */
export const readinessNorms = sqliteTable('readiness_norms', {
  id: text('id').primaryKey(),
  incidentType: text('incident_type').notNull(),
  itemId: text('item_id').notNull().references(() => items.id),
  perPerson: real('per_person').notNull(),
  kgPerUnit: real('kg_per_unit'),
  note: text('note'),
}, (t) => [uniqueIndex('readiness_norms_type_item').on(t.incidentType, t.itemId)])

/**
 * 逐级上报 (core/reports): one submitted report, one version. `snapshot` is the report as it was produced from the
 * synced data when submitted, frozen by triggers (only the receiver's decision may be written afterwards); a
 * corrected resubmission is a new row with the next version.
 */
export const reportSubmissions = sqliteTable('report_submissions', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['monthly_stock', 'receipt', 'dispatch', 'annual', 'incident'] }).notNull(),
  /** the period (YYYY-MM, YYYY) or the document / order / incident the report is about */
  subject: text('subject').notNull(),
  /** who submits: a street (to its district) or a district (to the city) */
  level: text('level', { enum: ['street', 'district'] }).notNull(),
  regionCode: text('region_code').notNull(),
  version: integer('version').notNull(),
  dueOn: text('due_on').notNull(),
  snapshot: text('snapshot').notNull(),
  submittedAt: text('submitted_at').notNull(),
  submittedBy: text('submitted_by').notNull(),
  submittedByName: text('submitted_by_name').notNull(),
  status: text('status', { enum: ['submitted', 'approved', 'returned'] }).notNull().default('submitted'),
  decidedAt: text('decided_at'),
  decidedByName: text('decided_by_name'),
  decisionHlc: text('decision_hlc'),
  returnReason: text('return_reason'),
}, (t) => [
  uniqueIndex('report_submissions_version').on(t.kind, t.subject, t.regionCode, t.version),
  index('report_submissions_region').on(t.regionCode, t.kind),
])

/**
 * GB/T 38565-2020 class codes the bureau imported (core/catalogue/code-table.ts): 中类, 小类, 细类 (and any 大类 row
 * the table states); the three 大类 themselves ship in code. A per-field LWW record (name) keyed by its code.
 */
export const nationalCodeClasses = sqliteTable('national_code_classes', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
})

/**
 * 报废申请 (core/stock/writeoff-approval.ts): a street depot's scrap write-off waits here for the district's
 * approval; `documentId` is the 报废 document posted on approval. Lines are JSON [{itemId, lotId, quantity, note}].
 */
export const writeoffRequests = sqliteTable('writeoff_requests', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull().references(() => sites.id),
  docDate: text('doc_date').notNull(),
  reason: text('reason').notNull(),
  lines: text('lines', { mode: 'json' }).notNull(),
  status: text('status', { enum: ['requested', 'approved', 'returned'] }).notNull(),
  requestedBy: text('requested_by'),
  requestedAt: text('requested_at'),
  decidedBy: text('decided_by'),
  decidedAt: text('decided_at'),
  decisionNote: text('decision_note'),
  documentId: text('document_id'),
}, (t) => [index('writeoff_requests_site').on(t.siteId, t.status)])
