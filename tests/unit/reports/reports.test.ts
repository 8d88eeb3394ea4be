/**
 * 逐级上报: a street submits its reports to its district, which approves or returns them; what was submitted is frozen;
 * a corrected resubmission is a new version; overdue reports are listed at each level; who may not is refused.
 */
import { describe, it, expect } from 'vitest'
import { randomUUID } from 'node:crypto'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { lotIdFor } from '../../../core/common/ids'
import type { Actor } from '../../../core/common/context'
import { addWorkingDays, periodDeadline } from '../../../core/reports/kinds'
import { reportSheet } from '../../../core/reports/sheet'
import { buildXlsx, readXlsxRows } from '../../../core/common/xlsx'
import { exchangeDirect } from '../../../core/sync/exchange'
import { unwrap } from '../../helpers/core'
import { onTestFinished } from 'vitest'

const YUEYANG = '310117001000' // 岳阳街道
const YONGFENG = '310117002000' // 永丰街道
const streetPlanner = (code: string, name = '岳阳计划员'): Actor => ({ id: `p-${code}`, name, roles: ['planner'], scope: { kind: 'street', regionCode: code } })
const districtPlanner: Actor = { id: 'p-district', name: '区计划员王芳', roles: ['planner'], scope: { kind: 'district' } }
const keeper: Actor = { id: 'k-1', name: '保管员', roles: ['keeper'], scope: { kind: 'district' } }

function district(today = '2026-06-01'): Core {
  let day = today
  const c = createCore({ file: ':memory:', seed: 'reference', today: () => day })
  onTestFinished(() => c.close())
  const ctx = c.context()
  createSite(ctx, { id: 'YY', code: 'YY1', name: '岳阳街道储备点', tier: 'street', regionCode: YUEYANG })
  createSite(ctx, { id: 'YYC', code: 'YY2', name: '龙潭社区点', tier: 'community', regionCode: '310117001001' })
  createSite(ctx, { id: 'YF', code: 'YF1', name: '永丰街道储备点', tier: 'street', regionCode: YONGFENG })
  createSite(ctx, { id: 'QJ', code: 'QJ1', name: '区储备库', tier: 'district', regionCode: '310117000000' })
  return Object.assign(c, { setToday: (d: string) => { day = d } })
}
const receive = (c: Core, siteId: string, docDate: string, quantity: number, lotNo = 'L1', subtype?: string) => {
  const id = randomUUID()
  unwrap(c.call('stock.receive', { id, siteId, docDate, subtype, lines: [{ itemId: 'SH-001', lotNo, quantity }] }))
  return id
}
const as = (c: Core, actor: Actor) => ({
  call: (m: string, i: unknown) => c.call(m, i, { actor }),
  ok: <T = any>(m: string, i: unknown) => unwrap<T>(c.call(m, i, { actor })),
  code: (m: string, i: unknown) => { const r = c.call(m, i, { actor }); return r.ok ? 'ok' : r.error.code },
})

describe('deadlines', () => {
  it('counts working days Monday to Friday', () => {
    expect(addWorkingDays('2026-05-29', 5)).toBe('2026-06-05') // a Friday: the next five working days end Friday 5 June
    expect(addWorkingDays('2026-05-29', 2)).toBe('2026-06-02')
    expect(addWorkingDays('2026-06-01', 2)).toBe('2026-06-03')
  })
  it('the monthly report opens on the 1st of the next month and is due on the 10th; the annual one on 10 January', () => {
    expect(periodDeadline('monthly_stock', '2026-12')).toEqual({ opensOn: '2027-01-01', dueOn: '2027-01-10' })
    expect(periodDeadline('monthly_stock', '2026-05')).toEqual({ opensOn: '2026-06-01', dueOn: '2026-06-10' })
    expect(periodDeadline('annual', '2025')).toEqual({ opensOn: '2026-01-01', dueOn: '2026-01-10' })
  })
})

describe('a street submits, the district reviews', () => {
  it('the monthly stock report is produced from the ledger of the street\'s sites only, and frozen when submitted', () => {
    const c = district()
    receive(c, 'YY', '2026-04-20', 40)
    receive(c, 'YYC', '2026-05-02', 100)
    receive(c, 'YF', '2026-05-03', 7) // 永丰's: not in 岳阳's report
    unwrap(c.call('stock.issue', { id: randomUUID(), siteId: 'YYC', docDate: '2026-05-10', lines: [{ itemId: 'SH-001', quantity: 30 }] }))
    unwrap(c.call('stock.writeOff', { id: randomUUID(), siteId: 'YYC', docDate: '2026-05-11', type: 'scrap', reason: '破损', lines: [{ itemId: 'SH-001', lotId: lotIdFor('SH-001', 'L1'), quantity: 5 }] }))
    receive(c, 'YY', '2026-06-01', 9) // next month
    const street = as(c, streetPlanner(YUEYANG))
    const sub = street.ok('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })
    expect(sub).toMatchObject({ version: 1, status: 'submitted', level: 'street', regionCode: YUEYANG, dueOn: '2026-06-10', submittedByName: '岳阳计划员', late: false })
    const got = street.ok('reports.get', { id: sub.id })
    expect(got.snapshot.rows).toEqual([expect.objectContaining({ itemCode: expect.any(String), opening: 40, received: 100, issued: 30, scrapped: 5, closing: 105 })])
    // a receipt keyed afterwards into May does not change what was submitted
    receive(c, 'YY', '2026-05-20', 1000, 'L2')
    expect(street.ok('reports.get', { id: sub.id }).snapshot.rows[0].closing).toBe(105)
    expect(street.ok('reports.preview', { kind: 'monthly_stock', subject: '2026-05' }).rows[0].closing).toBe(1105)
    // and the file itself refuses to change or drop it
    expect(() => c.db.$client.prepare("UPDATE report_submissions SET snapshot = '{}' WHERE id = ?").run(sub.id)).toThrow(/frozen/)
    expect(() => c.db.$client.prepare('DELETE FROM report_submissions WHERE id = ?').run(sub.id)).toThrow(/never deleted/)
  })

  it('returned with a reason, resubmitted as version 2 with corrected figures, approved, then closed to resubmission', () => {
    const c = district()
    receive(c, 'YY', '2026-05-02', 10)
    const street = as(c, streetPlanner(YUEYANG))
    const dist = as(c, districtPlanner)
    const v1 = street.ok('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })
    expect(street.code('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })).toBe('REPORT_PENDING')
    // a return needs a reason: empty, spaces or invisible characters are not one
    expect(dist.code('reports.decide', { id: v1.id, decision: 'return' })).toBe('REPORT_RETURN_REASON')
    expect(dist.code('reports.decide', { id: v1.id, decision: 'return', reason: ' \u200B\uFEFF ' })).toBe('REPORT_RETURN_REASON')
    expect(dist.ok('reports.decide', { id: v1.id, decision: 'return', reason: '漏报 5 月 20 日入库' })).toMatchObject({ status: 'returned', returnReason: '漏报 5 月 20 日入库', decidedByName: '区计划员王芳' })
    expect(dist.code('reports.decide', { id: v1.id, decision: 'approve' })).toBe('REPORT_DECIDED')
    receive(c, 'YY', '2026-05-20', 5, 'L2')
    const v2 = street.ok('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })
    expect(v2.version).toBe(2)
    expect(street.ok('reports.get', { id: v2.id }).snapshot.rows[0].closing).toBe(15)
    expect(street.ok('reports.get', { id: v1.id }).snapshot.rows[0].closing).toBe(10) // version 1 stays as it was
    expect(dist.ok('reports.decide', { id: v2.id, decision: 'approve' }).status).toBe('approved')
    expect(street.code('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })).toBe('REPORT_APPROVED')
    expect(street.ok('reports.list', {}).map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([[2, 'approved'], [1, 'returned']])
  })

  it('reads a period typed with full-width digits, a full-width minus and pasted spaces', () => {
    const c = district()
    receive(c, 'YY', '2026-05-02', 10)
    expect(as(c, streetPlanner(YUEYANG)).ok('reports.submit', { kind: 'monthly_stock', subject: ' ２０２６－０５\u200B ' }).subject).toBe('2026-05')
  })

  it('refuses a period that has not ended and a subject that does not exist', () => {
    const c = district()
    const street = as(c, streetPlanner(YUEYANG))
    expect(street.code('reports.submit', { kind: 'monthly_stock', subject: '2026-06' })).toBe('REPORT_NOT_DUE_YET')
    expect(street.code('reports.submit', { kind: 'annual', subject: '2026' })).toBe('REPORT_NOT_DUE_YET')
    expect(street.code('reports.submit', { kind: 'monthly_stock', subject: '2026-13' })).toBe('REPORT_SUBJECT_UNKNOWN')
    expect(street.code('reports.submit', { kind: 'receipt', subject: 'no-such-doc' })).toBe('REPORT_SUBJECT_UNKNOWN')
    expect(street.call('reports.submit', { kind: 'monthly_stock', subject: '2026-06' })).toMatchObject({ ok: false, error: { message: '库存月报（2026-06）的报告期尚未结束，2026-07-01 起才能报送', field: 'subject' } })
  })

  it('the annual report adds up: opening + received − issued − scrapped + rotation + counts = closing', () => {
    const c = district('2026-01-05')
    receive(c, 'QJ', '2024-12-01', 50)
    receive(c, 'QJ', '2025-03-01', 30, 'L2')
    receive(c, 'QJ', '2025-04-01', 12, 'L3', '轮换入库')
    unwrap(c.call('stock.issue', { id: randomUUID(), siteId: 'QJ', docDate: '2025-05-01', subtype: '轮换出库', lines: [{ itemId: 'SH-001', lotId: lotIdFor('SH-001', 'L1'), quantity: 10 }] }))
    unwrap(c.call('stock.issue', { id: randomUUID(), siteId: 'QJ', docDate: '2025-06-01', lines: [{ itemId: 'SH-001', lotId: lotIdFor('SH-001', 'L1'), quantity: 8 }] }))
    unwrap(c.call('stock.writeOff', { id: randomUUID(), siteId: 'QJ', docDate: '2025-07-01', type: 'scrap', reason: '霉变', lines: [{ itemId: 'SH-001', lotId: lotIdFor('SH-001', 'L1'), quantity: 2 }] }))
    const dist = as(c, districtPlanner)
    const sub = dist.ok('reports.submit', { kind: 'annual', subject: '2025' })
    expect(sub).toMatchObject({ level: 'district', regionCode: '310117000000', dueOn: '2026-01-10' })
    const [row] = dist.ok('reports.get', { id: sub.id }).snapshot.rows
    expect(row).toMatchObject({ opening: 50, received: 30, issued: 8, scrapped: 2, rotated: 2, adjusted: 0, closing: 72 })
    expect(row.opening + row.received - row.issued - row.scrapped + row.rotated + row.adjusted).toBe(row.closing)
    // the district's own report goes to the city: the district cannot approve it itself
    expect(dist.code('reports.decide', { id: sub.id, decision: 'approve' })).toBe('REPORT_NOT_RECEIVER')
  })

  it('a receipt report is due 5 working days after the receipt; overdue ones are listed at the street and the district', () => {
    const c = district('2026-06-08')
    const late = receive(c, 'YYC', '2026-05-29', 10) // due 2026-06-05: overdue on 06-08
    const fresh = receive(c, 'YF', '2026-06-05', 10) // 永丰's, due 2026-06-12
    const street = as(c, streetPlanner(YUEYANG))
    const mine = street.ok('reports.expected', { onlyOpen: true })
    expect(mine.every((e: { regionCode: string }) => e.regionCode === YUEYANG)).toBe(true)
    expect(mine.find((e: { subject: string }) => e.subject === late)).toMatchObject({ kind: 'receipt', dueOn: '2026-06-05', overdue: true, daysOverdue: 3, state: 'missing' })
    expect(mine.find((e: { kind: string; subject: string }) => e.kind === 'monthly_stock' && e.subject === '2026-05')).toMatchObject({ overdue: false, dueOn: '2026-06-10' })
    const all = as(c, districtPlanner).ok('reports.expected', { onlyOpen: true })
    expect(all.find((e: { subject: string }) => e.subject === fresh)).toMatchObject({ regionCode: YONGFENG, overdue: false })
    expect(all.filter((e: { overdue: boolean }) => e.overdue).map((e: { subject: string }) => e.subject)).toEqual([late])
    // submitted late: listed as submitted, and the submission says it was late
    const sub = street.ok('reports.submit', { kind: 'receipt', subject: late })
    expect(sub.late).toBe(true)
    expect(street.ok('reports.expected', { onlyOpen: true }).some((e: { subject: string }) => e.subject === late)).toBe(false)
    expect(street.ok('reports.get', { id: sub.id }).snapshot.rows[0]).toMatchObject({ quantity: 10, lotNo: 'L1' })
  })
})

describe('the dispatch report', () => {
  it('is the sending street\'s, from the order as dispatched, due 2 working days after the dispatch', () => {
    const c = district('2026-06-05')
    receive(c, 'YY', '2026-06-01', 50)
    unwrap(c.call('transfer.save', { id: 'order-0001', fromSiteId: 'YY', toSiteId: 'YF', lines: [{ itemId: 'SH-001', requested: 20 }] }))
    unwrap(c.call('transfer.transition', { id: 'order-0001', action: 'approve', at: '2026-06-04T01:00:00.000Z' }))
    unwrap(c.call('transfer.transition', { id: 'order-0001', action: 'dispatch', at: '2026-06-04T02:00:00.000Z' })) // a Thursday
    expect(as(c, streetPlanner(YONGFENG, '永丰计划员')).code('reports.submit', { kind: 'dispatch', subject: 'order-0001' })).toBe('REPORT_SUBJECT_ELSEWHERE')
    const street = as(c, streetPlanner(YUEYANG))
    const sub = street.ok('reports.submit', { kind: 'dispatch', subject: 'order-0001' })
    expect(sub.dueOn).toBe('2026-06-08') // Thursday + 2 working days = the next Monday
    const got = street.ok('reports.get', { id: sub.id })
    expect(got.snapshot.rows).toEqual([expect.objectContaining({ requested: 20, shipped: 20, received: 0, inTransit: 20 })])
    expect(got.snapshot.facts).toEqual(expect.arrayContaining([{ zh: '调入', en: 'To', value: '永丰街道储备点' }]))
  })
})

describe('who may not', () => {
  it('a keeper, a site-scoped planner and a dispatcher may not submit or review', () => {
    const c = district()
    receive(c, 'YY', '2026-05-02', 10)
    expect(as(c, keeper).code('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })).toBe('FORBIDDEN')
    expect(as(c, { ...keeper, roles: ['dispatcher'] }).code('reports.expected', {})).toBe('FORBIDDEN')
    expect(as(c, { id: 'p-site', name: '点计划员', roles: ['planner'], scope: { kind: 'site', siteId: 'YY' } }).code('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })).toBe('FORBIDDEN')
  })

  it('a street may not report another street\'s receipt, nor the incident report; it may not see or review another street\'s reports, nor review its own', () => {
    const c = district()
    const yf = receive(c, 'YF', '2026-05-29', 10)
    const qj = receive(c, 'QJ', '2026-05-29', 10)
    receive(c, 'YY', '2026-05-02', 10)
    const yueyang = as(c, streetPlanner(YUEYANG))
    const yongfeng = as(c, streetPlanner(YONGFENG, '永丰计划员'))
    expect(yueyang.code('reports.submit', { kind: 'receipt', subject: yf })).toBe('REPORT_SUBJECT_ELSEWHERE')
    expect(yueyang.code('reports.submit', { kind: 'receipt', subject: qj })).toBe('REPORT_SUBJECT_ELSEWHERE') // the district's own site
    expect(as(c, districtPlanner).code('reports.submit', { kind: 'receipt', subject: yf })).toBe('REPORT_SUBJECT_ELSEWHERE') // 永丰 reports it
    unwrap(c.call('incident.save', { id: 'inc-1', name: '台风', type: '台风', startedAt: '2026-05-20', endedAt: '2026-05-22', regionCodes: [YUEYANG] }))
    expect(yueyang.code('reports.submit', { kind: 'incident', subject: 'inc-1' })).toBe('REPORT_KIND_LEVEL')
    expect(as(c, districtPlanner).ok('reports.submit', { kind: 'incident', subject: 'inc-1' }).dueOn).toBe('2026-05-29')
    const sub = yueyang.ok('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })
    expect(yongfeng.code('reports.get', { id: sub.id })).toBe('FORBIDDEN')
    expect(yongfeng.ok('reports.list', {})).toEqual([])
    expect(yongfeng.code('reports.decide', { id: sub.id, decision: 'approve' })).toBe('REPORT_NOT_RECEIVER')
    expect(yueyang.code('reports.decide', { id: sub.id, decision: 'approve' })).toBe('REPORT_NOT_RECEIVER')
    expect(as(c, districtPlanner).ok('reports.list', {}).map((r: { id: string }) => r.id)).toContain(sub.id)
  })
})

describe('over sync', () => {
  it('a submission and its decision reach another installation unchanged; of two decisions made apart the earlier wins everywhere', () => {
    const a = district(), b = district()
    exchangeDirect(a.context(), b.context())
    receive(a, 'YY', '2026-05-02', 10)
    const sub = as(a, streetPlanner(YUEYANG)).ok('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })
    exchangeDirect(a.context(), b.context())
    const atB = as(b, districtPlanner).ok('reports.get', { id: sub.id })
    expect(atB.snapshot).toEqual(as(a, districtPlanner).ok('reports.get', { id: sub.id }).snapshot)
    as(b, districtPlanner).ok('reports.decide', { id: sub.id, decision: 'return', reason: '请补充' })
    as(a, districtPlanner).ok('reports.decide', { id: sub.id, decision: 'approve' })
    exchangeDirect(a.context(), b.context())
    const sa = as(a, districtPlanner).ok('reports.get', { id: sub.id })
    const sb = as(b, districtPlanner).ok('reports.get', { id: sub.id })
    expect(sa.status).toBe(sb.status)
    expect(sa.status).toBe('returned') // b decided first by the clock
  })
})

describe('export', () => {
  it('writes the filing layout: title, facts, header, rows and the total line', async () => {
    const c = district()
    receive(c, 'YY', '2026-05-02', 10)
    const street = as(c, streetPlanner(YUEYANG))
    const sub = street.ok('reports.submit', { kind: 'monthly_stock', subject: '2026-05' })
    const got = street.ok('reports.get', { id: sub.id })
    const rows = await readXlsxRows(await buildXlsx(reportSheet(got.snapshot, 'zh', got)))
    expect(rows[0][0]).toBe('岳阳街道库存月报（2026-05）')
    expect(rows.some((r) => r[0] === '截止日期' && r[1] === '2026-06-10')).toBe(true)
    const header = rows.findIndex((r) => r[0] === '物资编码')
    expect(rows[header]).toEqual(['物资编码', '物资名称', '单位', '期初库存', '入库', '出库', '报废', '轮换（净）', '盘点及冲销', '期末库存'])
    expect(rows[header + 1].slice(3)).toEqual([0, 10, 0, 0, 0, 0, 10])
    expect(rows[header + 2][0]).toBe('合计 / Total')
  })
})
