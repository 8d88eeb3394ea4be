/**
 * The reports' contents, produced from the synced data (the ledger, documents, transfer orders, incidents) — never
 * typed in. Each builder answers one table in the report's filing layout (./kinds.ts ReportSnapshot).
 */
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { todayCst } from '../common/dates'
import { incidentReport } from '../dispatch/incident-report'
import {
  DISPATCH_WORKING_DAYS, INCIDENT_WORKING_DAYS, KIND_NAMES, MONTH, RECEIPT_WORKING_DAYS, YEAR, addWorkingDays, periodDeadline, periodRange,
  type ReportColumn, type ReportKind, type ReportLevel, type ReportSnapshot,
} from './kinds'

export interface Reporter { level: ReportLevel; regionCode: string; regionName: string }

/** The SQL of the site ids under a street (its own and its communities') or a district (down to communities). */
export function sitesUnder(level: ReportLevel): string {
  return level === 'street'
    ? 'SELECT id FROM sites WHERE region_code = @region OR region_code IN (SELECT code FROM regions WHERE parent_code = @region)'
    : `SELECT id FROM sites WHERE region_code = @region OR region_code IN (SELECT code FROM regions WHERE parent_code = @region)
         OR region_code IN (SELECT code FROM regions WHERE parent_code IN (SELECT code FROM regions WHERE parent_code = @region))`
}

/** Which level reports for a site: its street (a street or community site), else its district. */
export function ownerOfSite(ctx: ServiceContext, siteId: string): { street: string | null; siteName: string } | null {
  const row = ctx.db.$client.prepare(`SELECT s.name, CASE r.level WHEN 'street' THEN r.code WHEN 'community' THEN r.parent_code END AS street
    FROM sites s JOIN regions r ON r.code = s.region_code WHERE s.id = ?`).get(siteId) as { name: string; street: string | null } | undefined
  return row ? { street: row.street, siteName: row.name } : null
}

/** Whether the reporter is the one who reports for that site (a street: its own sites; the district: its district-tier sites). */
function reportsFor(ctx: ServiceContext, who: Reporter, siteId: string): boolean {
  const owner = ownerOfSite(ctx, siteId)
  if (!owner) return false
  if (who.level === 'street') return owner.street === who.regionCode
  if (owner.street) return false
  return (ctx.db.$client.prepare(`SELECT 1 FROM (${sitesUnder('district')}) WHERE id = @site`).get({ region: who.regionCode, site: siteId })) !== undefined
}

const col = (key: string, zh: string, en: string, kind?: ReportColumn['kind']): ReportColumn => ({ key, zh, en, kind })
const ITEM_COLS = [col('itemCode', '物资编码', 'Item code'), col('itemName', '物资名称', 'Item'), col('unit', '单位', 'Unit')]
const cstDate = (iso: string | null) => (iso ? (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : todayCst(new Date(iso))) : null)

interface Subject { dueOn: string; opensOn: string; label: string }

/** Checks that the subject exists, is the reporter's, and says when the report is due. */
export function resolveSubject(ctx: ServiceContext, kind: ReportKind, subject: string, who: Reporter): Subject {
  const name = KIND_NAMES[kind]
  const unknown = () => new AppError('REPORT_SUBJECT_UNKNOWN', { subject, kind: name.zh, kindEn: name.en }, { field: 'subject' }, 404)
  const elsewhere = () => new AppError('REPORT_SUBJECT_ELSEWHERE', { subject, region: who.regionName }, { field: 'subject' }, 403)
  const db = ctx.db.$client
  switch (kind) {
    case 'monthly_stock':
    case 'annual': {
      if (!(kind === 'annual' ? YEAR : MONTH).test(subject)) throw unknown()
      const d = periodDeadline(kind, subject)
      return { ...d, label: subject }
    }
    case 'receipt': {
      const doc = db.prepare("SELECT site_id AS siteId, doc_no AS docNo, doc_date AS docDate FROM documents WHERE id = ? AND type = 'receipt'").get(subject) as
        { siteId: string; docNo: string; docDate: string } | undefined
      if (!doc) throw unknown()
      if (!reportsFor(ctx, who, doc.siteId)) throw elsewhere()
      return { opensOn: doc.docDate, dueOn: addWorkingDays(doc.docDate, RECEIPT_WORKING_DAYS), label: doc.docNo }
    }
    case 'dispatch': {
      const o = db.prepare("SELECT order_no AS orderNo, coalesce(from_site_id, to_site_id) AS siteId, dispatched_at AS dispatchedAt FROM transfer_orders WHERE id = ? AND dispatched_at IS NOT NULL AND state <> 'cancelled'").get(subject) as
        { orderNo: string; siteId: string | null; dispatchedAt: string } | undefined
      if (!o) throw unknown()
      if (!o.siteId || !reportsFor(ctx, who, o.siteId)) throw elsewhere()
      const on = cstDate(o.dispatchedAt)!
      return { opensOn: on, dueOn: addWorkingDays(on, DISPATCH_WORKING_DAYS), label: o.orderNo }
    }
    case 'incident': {
      const inc = db.prepare('SELECT name, started_at AS startedAt, ended_at AS endedAt FROM incidents WHERE id = ?').get(subject) as
        { name: string; startedAt: string; endedAt: string | null } | undefined
      if (!inc) throw unknown()
      const start = cstDate(inc.startedAt)!
      // an open incident may have an interim report; it falls due once the incident has ended
      return { opensOn: start, dueOn: addWorkingDays(cstDate(inc.endedAt) ?? '9999-12-31', INCIDENT_WORKING_DAYS), label: inc.name }
    }
  }
}

/** The report's table as it stands now. */
export function buildReport(ctx: ServiceContext, kind: ReportKind, subject: string, who: Reporter): ReportSnapshot {
  const s = resolveSubject(ctx, kind, subject, who)
  const base = {
    kind, subject, subjectLabel: s.label, level: who.level, regionCode: who.regionCode, regionName: who.regionName,
    title: { zh: `${who.regionName}${KIND_NAMES[kind].zh}（${s.label}）`, en: `${KIND_NAMES[kind].en}, ${who.regionName} (${s.label})` },
    producedOn: ctx.today(),
  }
  const facts = [
    { zh: '报送单位', en: 'Submitted by', value: who.regionName },
    { zh: '报送层级', en: 'Level', value: who.level === 'street' ? '街镇 → 区 / street → district' : '区 → 市 / district → city' },
    { zh: '截止日期', en: 'Due on', value: s.dueOn },
  ]
  const db = ctx.db.$client
  if (kind === 'monthly_stock' || kind === 'annual') {
    const { from, to } = periodRange(kind, subject)
    const rows = db.prepare(`
      SELECT i.code AS itemCode, i.name AS itemName, i.unit AS unit,
        sum(CASE WHEN m.moved_on < @from THEN m.quantity ELSE 0 END) AS opening,
        sum(CASE WHEN m.moved_on >= @from AND m.quantity > 0 AND d.type IN ('receipt', 'return', 'transfer_in') AND coalesce(d.subtype, '') NOT LIKE '%轮换%' THEN m.quantity ELSE 0 END) AS received,
        sum(CASE WHEN m.moved_on >= @from AND m.quantity < 0 AND d.type IN ('issue', 'transfer_out') AND coalesce(d.subtype, '') NOT LIKE '%轮换%' THEN -m.quantity ELSE 0 END) AS issued,
        sum(CASE WHEN m.moved_on >= @from AND d.type IN ('scrap', 'expire') THEN -m.quantity ELSE 0 END) AS scrapped,
        sum(CASE WHEN m.moved_on >= @from AND coalesce(d.subtype, '') LIKE '%轮换%' AND d.type NOT IN ('scrap', 'expire') THEN m.quantity ELSE 0 END) AS rotated,
        sum(CASE WHEN m.moved_on >= @from AND d.type IN ('stocktake', 'reversal') THEN m.quantity ELSE 0 END) AS adjusted,
        sum(m.quantity) AS closing
      FROM stock_movements m JOIN documents d ON d.id = m.document_id JOIN items i ON i.id = m.item_id
      WHERE m.moved_on <= @to AND m.site_id IN (${sitesUnder(who.level)})
      GROUP BY m.item_id ORDER BY i.code, i.name`).all({ from, to, region: who.regionCode }) as Array<Record<string, number | string>>
    const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0)
    const numeric = ['opening', 'received', 'issued', 'scrapped', 'rotated', 'adjusted', 'closing']
    return {
      ...base,
      facts: [...facts, { zh: '报告期', en: 'Period', value: `${from} — ${to}` }],
      columns: [
        ...ITEM_COLS, col('opening', '期初库存', 'Opening', 'number'), col('received', '入库', 'Received', 'number'),
        col('issued', '出库', 'Issued', 'number'), col('scrapped', '报废', 'Scrapped', 'number'),
        col('rotated', '轮换（净）', 'Rotation (net)', 'number'), col('adjusted', '盘点及冲销', 'Counts and reversals', 'number'),
        col('closing', '期末库存', 'Closing', 'number'),
      ],
      rows: rows.filter((r) => numeric.some((k) => Number(r[k]) !== 0)),
      footer: { itemCode: '合计 / Total', ...Object.fromEntries(numeric.map((k) => [k, sum(k)])) },
    }
  }
  if (kind === 'receipt') {
    const doc = db.prepare(`SELECT d.doc_no AS docNo, d.doc_date AS docDate, d.subtype, d.counterparty, d.handled_by AS handledBy, s.name AS siteName
      FROM documents d JOIN sites s ON s.id = d.site_id WHERE d.id = ?`).get(subject) as Record<string, string | null>
    const rows = db.prepare(`SELECT i.code AS itemCode, i.name AS itemName, i.unit, l.lot_no AS lotNo, l.production_date AS productionDate,
        l.expiry_date AS expiryDate, coalesce(l.supplier, '') AS supplier, dl.quantity, dl.unit_cost AS unitCost
      FROM document_lines dl JOIN items i ON i.id = dl.item_id JOIN lots l ON l.id = dl.lot_id WHERE dl.document_id = ? ORDER BY dl.line_no`).all(subject) as Array<Record<string, string | number | null>>
    return {
      ...base,
      facts: [...facts, { zh: '入库单号', en: 'Document', value: String(doc.docNo) }, { zh: '验收日期', en: 'Received on', value: String(doc.docDate) },
        { zh: '储备点', en: 'Site', value: String(doc.siteName) }, { zh: '入库方式', en: 'Kind', value: doc.subtype ?? '' },
        { zh: '来源单位', en: 'From', value: doc.counterparty ?? '' }, { zh: '经办人', en: 'Handled by', value: doc.handledBy ?? '' }],
      columns: [...ITEM_COLS, col('lotNo', '批次号', 'Lot'), col('productionDate', '生产日期', 'Produced', 'date'), col('expiryDate', '有效期至', 'Expires', 'date'),
        col('supplier', '供应商', 'Supplier'), col('quantity', '数量', 'Quantity', 'number'), col('unitCost', '单价', 'Unit cost', 'number')],
      rows,
      footer: { itemCode: '合计 / Total', quantity: rows.reduce((a, r) => a + Number(r.quantity), 0) },
    }
  }
  if (kind === 'dispatch') {
    const o = db.prepare(`SELECT o.order_no AS orderNo, o.state, o.dispatched_at AS dispatchedAt, o.received_at AS receivedAt, o.vehicle, o.driver,
        coalesce(f.name, a.agreement_no) AS fromName, coalesce(t.name, o.to_address) AS toName, inc.name AS incidentName
      FROM transfer_orders o LEFT JOIN sites f ON f.id = o.from_site_id LEFT JOIN sites t ON t.id = o.to_site_id
      LEFT JOIN agreements a ON a.id = o.from_agreement_id LEFT JOIN incidents inc ON inc.id = o.incident_id WHERE o.id = ?`).get(subject) as Record<string, string | null>
    const rows = db.prepare(`SELECT i.code AS itemCode, i.name AS itemName, i.unit, ol.requested, ol.shipped, ol.received, ol.shortfall,
        ol.shipped - ol.received - ol.shortfall AS inTransit
      FROM transfer_order_lines ol JOIN items i ON i.id = ol.item_id WHERE ol.order_id = ? ORDER BY ol.line_no`).all(subject) as Array<Record<string, string | number | null>>
    return {
      ...base,
      facts: [...facts, { zh: '调拨单号', en: 'Order', value: String(o.orderNo) }, { zh: '调出', en: 'From', value: o.fromName ?? '' },
        { zh: '调入', en: 'To', value: o.toName ?? '' }, { zh: '发运日期', en: 'Dispatched on', value: cstDate(o.dispatchedAt) ?? '' },
        { zh: '签收日期', en: 'Received on', value: cstDate(o.receivedAt) ?? '' }, { zh: '灾情事件', en: 'Incident', value: o.incidentName ?? '' },
        { zh: '车辆 / 驾驶员', en: 'Vehicle / driver', value: [o.vehicle, o.driver].filter(Boolean).join(' / ') }],
      columns: [...ITEM_COLS, col('requested', '申请', 'Requested', 'number'), col('shipped', '发运', 'Shipped', 'number'),
        col('received', '签收', 'Received', 'number'), col('shortfall', '短少', 'Short', 'number'), col('inTransit', '在途', 'In transit', 'number')],
      rows,
    }
  }
  // incident
  const r = incidentReport(ctx, subject)
  return {
    ...base,
    facts: [...facts, { zh: '事件', en: 'Incident', value: r.incident.name }, { zh: '类型 / 等级', en: 'Type / level', value: [r.incident.type, r.incident.level].filter(Boolean).join(' / ') },
      { zh: '起止', en: 'From — to', value: `${cstDate(r.incident.startedAt)} — ${cstDate(r.incident.endedAt) ?? '进行中 / ongoing'}` },
      { zh: '受灾区域', en: 'Affected regions', value: r.incident.regionNames.join('、') },
      { zh: '调拨单数 / 平均用时（小时）', en: 'Orders / average hours', value: `${r.totals.orders} / ${r.totals.avgHours ?? '—'}` }],
    columns: [...ITEM_COLS, col('requested', '申请', 'Requested', 'number'), col('sent', '调出', 'Sent', 'number'), col('received', '签收', 'Received', 'number'),
      col('consumed', '消耗核销', 'Consumed', 'number'), col('returned', '回收', 'Returned', 'number'), col('shortfall', '短少', 'Short', 'number')],
    rows: r.items.map((i) => ({ itemCode: i.itemCode, itemName: i.itemName, unit: i.unit, requested: i.requested, sent: i.sent, received: i.received, consumed: i.consumed, returned: i.returned, shortfall: i.shortfall })),
    footer: { itemCode: '合计 / Total', requested: r.totals.requested, sent: r.totals.sent, received: r.totals.received, consumed: r.totals.consumed, returned: r.totals.returned },
  }
}
