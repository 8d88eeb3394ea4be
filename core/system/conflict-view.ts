/**
 * The conflicts list as a planner reads it: every row of `conflicts` (and the derived entries: site and item code
 * clashes, lots below zero) with the names and numbers the sync page needs to say what happened — site, item and
 * lot names, document and order numbers, the record an lww row is about and the label of its field, both values in
 * words. Names are looked up for the whole page in a few set queries (never one per row); a record that no longer
 * exists falls back to its id.
 * Labels and values are in the caller's language (ctx.lang); the sentences themselves are the page's (i18n).
 */
import { inArray } from 'drizzle-orm'
import {
  agreements, conflicts, documents, incidents, items, lots, partners, regions, replicas, requests, sites, stocktakeLines, stocktakes,
  tierTargets, transferOrders,
} from '../../db/schema'
import type { DbOrTx } from '../sync/events'
import type { Lang } from '../common/errors'

export type ConflictRow = typeof conflicts.$inferSelect

export interface ConflictView extends ConflictRow {
  /** the record the row is about, by name (lww: 'SH-001 帐篷', '龙潭村储备点', 'XY-01（松江好运超市）' …); null = none */
  subject: string | null
  /** lww: the field's label ('负责人'); null when the row has no field */
  fieldLabel: string | null
  /** lww: the kept and the set-aside value, in words (names for ids, 是/否 for flags, （空） for nothing) */
  winnerText: string | null
  loserText: string | null
  /** negative_stock, stocktake_*: the site; negative_stock: the item and lot */
  site: { id: string; code: string | null; name: string } | null
  item: { id: string; code: string | null; name: string; unit: string | null } | null
  lot: { id: string; lotNo: string } | null
  /** stocktake_*: the kept 盘点单's number (negative_stock rows of earlier builds: the issue's) */
  docNo: string | null
  /** transfer_*: the order's number */
  orderNo: string | null
  /** transfer_double_*: the document the order keeps, and the duplicate (with the reversal that cancelled it, if any) */
  keptDocNo: string | null
  duplicate: { documentId: string; docNo: string; reversedByDocNo: string | null } | null
  /** stocktake_*: the day the count was opened */
  date: string | null
  /** clock_skew: the other installation, and the day its clock claimed */
  replica: string | null
}

type Detail = Record<string, unknown>
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

// Field labels by entity (a field shared by many entities is under '*'). Unknown fields show their own name.
type Labels = Record<string, [zh: string, en: string]>
const COMMON: Labels = {
  name: ['名称', 'Name'], code: ['编码', 'Code'], tier: ['层级', 'Tier'], regionCode: ['所属区域', 'Region'], note: ['备注', 'Note'],
  quantity: ['数量', 'Quantity'], unitPrice: ['单价', 'Unit price'], status: ['状态', 'Status'], address: ['地址', 'Address'],
  phone: ['电话', 'Phone'], contact: ['联系人', 'Contact'], itemId: ['物资', 'Item'], siteId: ['储备点', 'Site'], lines: ['明细', 'Lines'],
  deleted: ['删除', 'Deleted'], kind: ['类型', 'Kind'], type: ['类型', 'Type'], planYear: ['年度', 'Plan year'],
}
const FIELD_LABELS: Record<string, Labels> = {
  site: {
    name: ['名称', 'Name'], ownership: ['权属', 'Ownership'], capacity: ['库容', 'Capacity'], keeper: ['负责人', 'Keeper'],
    openedOn: ['启用日期', 'Opened on'], closedOn: ['停用日期', 'Closed on'], serves: ['服务社区', 'Communities served'], regionCode: ['所在区域', 'Region'],
  },
  item: {
    category: ['类别', 'Category'], nationalCode: ['国家编码', 'National code'], unit: ['单位', 'Unit'], spec: ['规格', 'Specification'],
    shelfLifeDays: ['保质期（天）', 'Shelf life (days)'], returnable: ['可回收', 'Returnable'], lotTracked: ['批次管理', 'Lot-tracked'], active: ['在用', 'Active'],
  },
  target: {
    mode: ['计算方式', 'Mode'], quantity: ['储备标准', 'Target quantity'], minimum: ['最低储备', 'Minimum'], required: ['必储', 'Required'],
    regionCode: ['适用区域', 'Region'], siteId: ['适用储备点', 'Site'],
  },
  catalogue_version: { unitPrice: ['年度单价', 'Price of the year'], included: ['列入当年目录', 'In the year\'s catalogue'] },
  plan_line: { quantity: ['计划数量', 'Planned quantity'] },
  partner: { name: ['企业名称', 'Company name'], creditCode: ['统一社会信用代码', 'Credit code'] },
  agreement: {
    partnerId: ['合作企业', 'Partner'], agreementNo: ['协议编号', 'Agreement no.'], heldAt: ['存放地点', 'Held at'],
    responseHours: ['响应时限（小时）', 'Response (hours)'], validFrom: ['生效日期', 'Valid from'], validTo: ['截止日期', 'Valid to'],
    tier: ['计入层级', 'Counts for tier'], regionCode: ['计入区域', 'Counts for region'],
  },
  incident: {
    level: ['响应等级', 'Level'], startedAt: ['开始日期', 'Started on'], endedAt: ['结束日期', 'Ended on'], regionCodes: ['受灾区域', 'Affected regions'],
  },
  request: {
    requestNo: ['申报编号', 'Request no.'], incidentId: ['灾情事件', 'Incident'], destinationSiteId: ['送达储备点', 'Destination site'],
    destinationAddress: ['送达地址', 'Destination address'], urgency: ['紧急程度', 'Urgency'], requester: ['申报单位', 'Requester'],
    cancelled: ['撤销', 'Cancelled'], regionCode: ['申报社区/街镇', 'Region'],
  },
  lot: {
    productionDate: ['生产日期', 'Production date'], expiryDate: ['有效期至', 'Expiry date'], supplier: ['供应商', 'Supplier'], unitCost: ['单位成本', 'Unit cost'],
  },
  stocktake_line: { counted: ['实盘数', 'Counted'], reason: ['差异原因', 'Reason'] },
  setting: { value: ['设定值', 'Value'] },
  region: { population: ['人口', 'Population'], division: ['区划信息', 'Division data'] },
}
const SETTING_LABELS: Labels = { 'compliance.agreementWeight': ['协议储备计入比例', 'Weight of agreement stock'] }

// Values that are codes of a closed list, by field.
const ENUMS: Record<string, Labels> = {
  tier: { district: ['区级', 'district'], street: ['街镇级', 'street'], community: ['社区级', 'community'] },
  ownership: { self: ['自建', 'own'], co: ['合建', 'co-built'], agreement: ['协议', 'agreement'], social: ['社会代储', 'social'] },
  mode: { fixed: ['固定数量', 'fixed'], per1000: ['每千人', 'per 1 000 people'] },
  urgency: { normal: ['一般', 'normal'], urgent: ['紧急', 'urgent'], critical: ['特急', 'critical'] },
  kind: { materials: ['实物代储', 'materials'], capacity: ['产能储备', 'capacity'], transport: ['运力储备', 'transport'] },
  status: {
    active: ['在用', 'active'], closed: ['已停用/已结束', 'closed'], draft: ['草稿', 'draft'], ended: ['已终止', 'ended'], open: ['进行中', 'open'],
  },
}

const EMPTY: [string, string] = ['（空）', '(empty)']
const YES_NO: [[string, string], [string, string]] = [['是', 'yes'], ['否', 'no']]
const DELETED: [[string, string], [string, string]] = [['已删除', 'deleted'], ['未删除', 'not deleted']]

/** The ids a page of rows names, gathered before the set queries. */
class Wanted {
  readonly ids = {
    site: new Set<string>(), item: new Set<string>(), lot: new Set<string>(), region: new Set<string>(), partner: new Set<string>(),
    agreement: new Set<string>(), incident: new Set<string>(), request: new Set<string>(), document: new Set<string>(),
    order: new Set<string>(), stocktake: new Set<string>(), target: new Set<string>(), replica: new Set<string>(),
  }
  add(kind: keyof Wanted['ids'], v: unknown) { if (typeof v === 'string' && v) this.ids[kind].add(v) }
}

/** Rows of `table` whose key column is in `ids`, in chunks (a page may name many regions through lww values). */
function byIds<T>(ids: Set<string>, load: (chunk: string[]) => T[]): T[] {
  const all = [...ids]
  const out: T[] = []
  for (let i = 0; i < all.length; i += 500) out.push(...load(all.slice(i, i + 500)))
  return out
}

/** The fields whose lww values are ids of another record, and of which. */
const ID_FIELDS: Record<string, keyof Wanted['ids']> = {
  itemId: 'item', siteId: 'site', destinationSiteId: 'site', regionCode: 'region', partnerId: 'partner', incidentId: 'incident',
}
const ID_LIST_FIELDS: Record<string, keyof Wanted['ids']> = { serves: 'region', regionCodes: 'region' }

export function describeConflicts(db: DbOrTx, rows: ConflictRow[], lang: Lang): ConflictView[] {
  const L = (p: [string, string]) => (lang === 'en' ? p[1] : p[0])
  const w = new Wanted()
  // Pass 1: what each row names directly.
  for (const r of rows) {
    const d = (r.detail ?? {}) as Detail
    if (r.kind === 'negative_stock') { w.add('site', d.siteId); w.add('item', d.itemId); w.add('lot', d.lotId); w.add('document', d.documentId) }
    if (r.kind.startsWith('stocktake_')) { w.add('stocktake', r.entityId); w.add('site', d.siteId) }
    if (r.entity === 'transfer_order') { w.add('order', r.entityId); w.add('document', d.documentId); w.add('document', d.keptDocumentId) }
    if (r.kind === 'clock_skew') w.add('replica', r.entityId)
    if (r.kind !== 'lww') continue
    const [, b, c] = r.entityId.split('|')
    if (r.entity === 'site') w.add('site', r.entityId)
    else if (r.entity === 'item') w.add('item', r.entityId)
    else if (r.entity === 'target') w.add('target', r.entityId)
    else if (r.entity === 'catalogue_version') w.add('item', b)
    else if (r.entity === 'plan_line') w.add('item', c)
    else if (r.entity === 'partner') w.add('partner', r.entityId)
    else if (r.entity === 'agreement') w.add('agreement', r.entityId)
    else if (r.entity === 'incident') w.add('incident', r.entityId)
    else if (r.entity === 'request') w.add('request', r.entityId)
    else if (r.entity === 'lot') w.add('lot', r.entityId)
    else if (r.entity === 'region') w.add('region', r.entityId)
    else if (r.entity === 'stocktake_line') w.add('stocktake', r.entityId.split(':')[0])
    for (const v of [d.winnerValue, d.loserValue]) collectValue(w, r.field, v)
  }
  // The records that name further records (a target its item, an agreement its partner, a stocktake its site …).
  const targetRows = byIds(w.ids.target, (ch) => db.select().from(tierTargets).where(inArray(tierTargets.id, ch)).all())
  for (const t of targetRows) { w.add('item', t.itemId); w.add('region', t.regionCode); w.add('site', t.siteId) }
  const agreementRows = byIds(w.ids.agreement, (ch) => db.select({ id: agreements.id, no: agreements.agreementNo, partnerId: agreements.partnerId }).from(agreements).where(inArray(agreements.id, ch)).all())
  for (const a of agreementRows) w.add('partner', a.partnerId)
  const stocktakeRows = byIds(w.ids.stocktake, (ch) => db.select({ id: stocktakes.id, siteId: stocktakes.siteId, openedOn: stocktakes.openedOn, documentId: stocktakes.documentId })
    .from(stocktakes).where(inArray(stocktakes.id, ch)).all())
  for (const s of stocktakeRows) { w.add('site', s.siteId); w.add('document', s.documentId) }
  // only the counted lines named (a stocktake may have thousands of lines)
  const lineKeys = new Set(rows.filter((r) => r.kind === 'lww' && r.entity === 'stocktake_line').map((r) => r.entityId))
  const lineStocktakes = new Set([...lineKeys].map((k) => k.split(':')[0]))
  const stocktakeLineRows = byIds(lineStocktakes, (ch) => db.select({ id: stocktakeLines.stocktakeId, lineNo: stocktakeLines.lineNo, itemId: stocktakeLines.itemId, lotId: stocktakeLines.lotId })
    .from(stocktakeLines).where(inArray(stocktakeLines.stocktakeId, ch)).all().filter((l) => lineKeys.has(`${l.id}:${l.lineNo}`)))
  for (const l of stocktakeLineRows) { w.add('item', l.itemId); w.add('lot', l.lotId) }
  const lotRows = byIds(w.ids.lot, (ch) => db.select({ id: lots.id, itemId: lots.itemId, lotNo: lots.lotNo }).from(lots).where(inArray(lots.id, ch)).all())
  for (const l of lotRows) w.add('item', l.itemId)
  const requestRows = byIds(w.ids.request, (ch) => db.select({ id: requests.id, no: requests.requestNo }).from(requests).where(inArray(requests.id, ch)).all())
  // Pass 2: names.
  const siteMap = new Map(byIds(w.ids.site, (ch) => db.select({ id: sites.id, code: sites.code, name: sites.name }).from(sites).where(inArray(sites.id, ch)).all()).map((s) => [s.id, s]))
  const itemMap = new Map(byIds(w.ids.item, (ch) => db.select({ id: items.id, code: items.code, name: items.name, unit: items.unit }).from(items).where(inArray(items.id, ch)).all()).map((i) => [i.id, i]))
  const regionMap = new Map(byIds(w.ids.region, (ch) => db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, ch)).all()).map((r) => [r.code, r.name]))
  const partnerMap = new Map(byIds(w.ids.partner, (ch) => db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, ch)).all()).map((p) => [p.id, p.name]))
  const incidentMap = new Map(byIds(w.ids.incident, (ch) => db.select({ id: incidents.id, name: incidents.name }).from(incidents).where(inArray(incidents.id, ch)).all()).map((i) => [i.id, i.name]))
  const orderMap = new Map(byIds(w.ids.order, (ch) => db.select({ id: transferOrders.id, no: transferOrders.orderNo }).from(transferOrders).where(inArray(transferOrders.id, ch)).all()).map((o) => [o.id, o.no]))
  const docRows = byIds(w.ids.document, (ch) => db.select({ id: documents.id, docNo: documents.docNo, siteId: documents.siteId }).from(documents).where(inArray(documents.id, ch)).all())
  const docMap = new Map(docRows.map((x) => [x.id, x.docNo]))
  // the reversal of a duplicate 调入/调出, if one was posted (index documents_reverses)
  const dupIds = new Set(rows.filter((r) => r.kind === 'transfer_double_receipt' || r.kind === 'transfer_double_dispatch')
    .map((r) => (r.detail as Detail | null)?.documentId).filter((x): x is string => typeof x === 'string'))
  const reversedBy = new Map(byIds(dupIds, (ch) => db.select({ of: documents.reversesDocId, docNo: documents.docNo }).from(documents)
    .where(inArray(documents.reversesDocId, ch)).all()).map((x) => [x.of!, x.docNo]))
  const replicaMap = new Map(byIds(w.ids.replica, (ch) => db.select({ id: replicas.id, name: replicas.name }).from(replicas).where(inArray(replicas.id, ch)).all()).map((x) => [x.id, x.name]))
  const lotMap = new Map(lotRows.map((l) => [l.id, l]))
  const targetMap = new Map(targetRows.map((t) => [t.id, t]))
  const agreementMap = new Map(agreementRows.map((a) => [a.id, a]))
  const stocktakeMap = new Map(stocktakeRows.map((s) => [s.id, s]))
  const requestMap = new Map(requestRows.map((r) => [r.id, r.no]))

  const siteName = (id: unknown) => (typeof id === 'string' ? siteMap.get(id)?.name ?? id : null)
  const itemName = (id: unknown) => {
    if (typeof id !== 'string') return null
    const i = itemMap.get(id)
    return i ? `${i.code} ${i.name}` : id
  }
  const regionName = (code: unknown) => (typeof code === 'string' ? regionMap.get(code) ?? code : null)
  const tierName = (tier: unknown) => (typeof tier === 'string' && ENUMS.tier[tier] ? L(ENUMS.tier[tier]) : String(tier ?? ''))
  const siteRef = (id: unknown) => {
    if (typeof id !== 'string' || !id) return null
    const s = siteMap.get(id)
    return s ? { id, code: s.code, name: s.name } : { id, code: null, name: id }
  }
  const itemRef = (id: unknown) => {
    if (typeof id !== 'string' || !id) return null
    const i = itemMap.get(id)
    return i ? { id, code: i.code, name: i.name, unit: i.unit } : { id, code: null, name: id, unit: null }
  }
  const lotRef = (id: unknown) => (typeof id === 'string' && id ? { id, lotNo: lotMap.get(id)?.lotNo ?? id } : null)
  const lotLabel = lang === 'en' ? 'lot' : '批次'

  const subjectOf = (r: ConflictRow): string => {
    const [a, b, c] = r.entityId.split('|')
    switch (r.entity) {
      case 'site': return siteName(r.entityId)!
      case 'item': return itemName(r.entityId)!
      case 'target': {
        const t = targetMap.get(r.entityId)
        if (!t) return r.entityId
        const scope = t.siteId ? ` · ${siteName(t.siteId)}` : t.regionCode ? ` · ${regionName(t.regionCode)}` : ''
        return `${t.planYear} · ${tierName(t.tier)} · ${itemName(t.itemId)}${scope}`
      }
      case 'catalogue_version': return b ? `${a} · ${itemName(b)}` : r.entityId
      case 'plan_line': return c ? `${a} · ${tierName(b)} · ${itemName(c)}` : r.entityId
      case 'partner': return partnerMap.get(r.entityId) ?? r.entityId
      case 'agreement': {
        const ag = agreementMap.get(r.entityId)
        if (!ag) return r.entityId
        const p = partnerMap.get(ag.partnerId)
        return p ? `${ag.no}（${p}）` : ag.no
      }
      case 'incident': return incidentMap.get(r.entityId) ?? r.entityId
      case 'request': return requestMap.get(r.entityId) ?? r.entityId
      case 'lot': {
        const l = lotMap.get(r.entityId)
        return l ? `${itemName(l.itemId)} · ${lotLabel} ${l.lotNo}` : r.entityId
      }
      case 'stocktake_line': {
        const [stId, lineNo] = r.entityId.split(':')
        const st = stocktakeMap.get(stId)
        const line = stocktakeLineRows.find((l) => l.id === stId && String(l.lineNo) === lineNo)
        if (!st || !line) return r.entityId
        return `${siteName(st.siteId)} ${st.openedOn} · ${itemName(line.itemId)} · ${lotLabel} ${lotMap.get(line.lotId)?.lotNo ?? line.lotId}`
      }
      case 'setting': return SETTING_LABELS[r.entityId] ? L(SETTING_LABELS[r.entityId]) : r.entityId
      case 'region': return regionMap.has(r.entityId) ? `${regionMap.get(r.entityId)}（${r.entityId}）` : r.entityId
      default: return r.entityId
    }
  }

  const valueText = (entity: string, field: string | null, v: unknown): string => {
    if (v === null || v === undefined || v === '') return L(EMPTY)
    if (field === 'deleted' && typeof v === 'boolean') return L(DELETED[v ? 0 : 1])
    if (typeof v === 'boolean') return L(YES_NO[v ? 0 : 1])
    if (field && ID_FIELDS[field] && typeof v === 'string') {
      const kind = ID_FIELDS[field]
      if (kind === 'item') return itemName(v)!
      if (kind === 'site') return siteName(v)!
      if (kind === 'region') return regionName(v)!
      if (kind === 'partner') return partnerMap.get(v) ?? v
      if (kind === 'incident') return incidentMap.get(v) ?? v
    }
    if (field && ID_LIST_FIELDS[field] && Array.isArray(v)) return v.length ? v.map(regionName).join('、') : L(EMPTY)
    if (field === 'lines' && Array.isArray(v)) {
      if (!v.length) return L(EMPTY)
      return (v as Detail[]).map((l) => {
        const what = l.itemId ? itemName(l.itemId) : str(l.vehicleType) ?? ''
        const n = l.quantity ?? l.vehicleCount
        return n === null || n === undefined ? what : `${what} ×${n}`
      }).join('；')
    }
    if (entity === 'region' && field === 'division' && typeof v === 'object') {
      const d = v as Detail
      return [d.name, d.kind, d.parentCode ? regionName(d.parentCode) : null].filter(Boolean).join(' · ')
    }
    if (field && typeof v === 'string' && ENUMS[field]?.[v]) return L(ENUMS[field][v])
    if (typeof v === 'string' || typeof v === 'number') return String(v)
    return JSON.stringify(v)
  }

  const fieldLabelOf = (entity: string, field: string | null): string | null => {
    if (!field) return null
    const l = FIELD_LABELS[entity]?.[field] ?? COMMON[field]
    return l ? L(l) : field
  }

  return rows.map((r): ConflictView => {
    const d = (r.detail ?? {}) as Detail
    const view: ConflictView = {
      ...r, subject: null, fieldLabel: null, winnerText: null, loserText: null, site: null, item: null, lot: null, docNo: null,
      orderNo: null, keptDocNo: null, duplicate: null, date: null, replica: null,
    }
    if (r.kind === 'lww') {
      view.subject = subjectOf(r)
      view.fieldLabel = fieldLabelOf(r.entity, r.field)
      view.winnerText = valueText(r.entity, r.field, d.winnerValue)
      view.loserText = valueText(r.entity, r.field, d.loserValue)
    } else if (r.kind === 'negative_stock') {
      view.site = siteRef(d.siteId)
      view.item = itemRef(d.itemId)
      view.lot = lotRef(d.lotId)
      view.docNo = str(d.docNo) ?? (typeof d.documentId === 'string' ? docMap.get(d.documentId) ?? d.documentId : null)
      view.subject = [view.site?.name, view.item && (view.item.code ? `${view.item.code} ${view.item.name}` : view.item.name)].filter(Boolean).join(' · ')
    } else if (r.kind.startsWith('stocktake_')) {
      const st = stocktakeMap.get(r.entityId)
      view.site = siteRef(d.siteId ?? st?.siteId)
      view.date = st?.openedOn ?? null
      view.docNo = st?.documentId ? docMap.get(st.documentId) ?? st.documentId : null
      view.subject = view.site ? `${view.site.name}${view.date ? ` ${view.date}` : ''}` : r.entityId
    } else if (r.entity === 'transfer_order') {
      view.orderNo = str(d.orderNo) ?? orderMap.get(r.entityId) ?? r.entityId
      view.subject = view.orderNo
      if (typeof d.keptDocumentId === 'string') view.keptDocNo = docMap.get(d.keptDocumentId) ?? d.keptDocumentId
      if ((r.kind === 'transfer_double_receipt' || r.kind === 'transfer_double_dispatch') && typeof d.documentId === 'string') {
        view.duplicate = { documentId: d.documentId, docNo: docMap.get(d.documentId) ?? d.documentId, reversedByDocNo: reversedBy.get(d.documentId) ?? null }
      }
    } else if (r.kind === 'clock_skew') {
      view.replica = replicaMap.get(r.entityId) ?? r.entityId
      view.subject = view.replica
      const ms = typeof d.hlc === 'string' ? Number(d.hlc.split('-')[0]) : NaN
      view.date = Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null
    } else if (r.kind === 'site_code' || r.kind === 'item_code') {
      view.subject = r.entityId
    }
    return view
  })
}

function collectValue(w: Wanted, field: string | null, v: unknown) {
  if (!field || v === null || v === undefined) return
  if (ID_FIELDS[field]) w.add(ID_FIELDS[field], v)
  else if (ID_LIST_FIELDS[field] && Array.isArray(v)) for (const x of v) w.add(ID_LIST_FIELDS[field], x)
  else if (field === 'lines' && Array.isArray(v)) for (const l of v as Detail[]) w.add('item', l?.itemId)
  else if (field === 'division' && v && typeof v === 'object') w.add('region', (v as Detail).parentCode)
}
