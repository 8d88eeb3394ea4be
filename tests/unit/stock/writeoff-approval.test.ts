/**
 * 报废 at a street depot takes effect only when the district approves it (issue 18): the keeper requests (nothing
 * leaves stock), a district planner sees the lots and the reason and approves (the 报废 document is posted) or
 * returns it with a note; the report lists write-offs by reason. Roles and scope: a keeper of another site, a
 * street account and a keeper are refused the decision; the hub refuses a street device's own 报废 document.
 */
import { describe, it, expect, afterEach } from 'vitest'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { createSite } from '../../../core/network/sites'
import { memoryCore, unwrap, count } from '../../helpers/core'
import { EVENT_TARGET } from '../../../core/sync/hub-rights'

let core: Core
afterEach(() => core?.close())
const D = '2026-06-01'
const district: Actor = { id: 'p', name: '区规划员王芳', roles: ['planner'], scope: { kind: 'district' } }
const streetPlanner: Actor = { id: 'sp', name: '街道规划员', roles: ['planner'], scope: { kind: 'street', regionCode: '310117001000' } }
const keeperA: Actor = { id: 'ka', name: '库管员李强', roles: ['keeper'], scope: { kind: 'site', siteId: 'S-A' } }
const keeperB: Actor = { id: 'kb', name: '库管员赵敏', roles: ['keeper'], scope: { kind: 'site', siteId: 'S-B' } }
const call = (m: string, i: unknown, actor?: Actor) => core.call(m, i, actor ? { actor } : undefined)
const lotId = (item: string, lotNo: string) => (core.db.$client.prepare('SELECT id FROM lots WHERE item_id = ? AND lot_no = ?').get(item, lotNo) as { id: string }).id
const bal = (site: string, item: string, lotNo: string) =>
  (core.db.$client.prepare('SELECT quantity AS q FROM stock_balances WHERE site_id = ? AND item_id = ? AND lot_id = ?').get(site, item, lotId(item, lotNo)) as { q: number } | undefined)?.q ?? 0

function setup() {
  core = memoryCore()
  createSite(core.context(), { id: 'D-1', code: 'QJ-1', name: '区级储备库', tier: 'district', regionCode: '310117000000' })
  for (const site of ['S-A', 'D-1']) {
    unwrap(call('stock.receive', { id: `rk-${site}-0001`, siteId: site, docDate: D, lines: [
      { itemId: 'SH-001', lotNo: 'T1', quantity: 10, unitCost: 1800 }, { itemId: 'SH-003', lotNo: 'B1', quantity: 20, unitCost: 150 },
    ] }))
  }
}
const request = (id: string, lines: unknown[], actor: Actor = keeperA, reason = '霉变破损') =>
  call('writeoff.request', { id, siteId: 'S-A', docDate: D, reason, lines }, actor)

describe('a street depot\'s 报废', () => {
  it('is refused as a direct write-off; the request moves nothing until the district approves', () => {
    setup()
    const direct = call('stock.writeOff', { id: 'bf-direct-01', type: 'scrap', siteId: 'S-A', docDate: D, reason: '破损', lines: [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 1 }] }, keeperA)
    expect(direct).toMatchObject({ ok: false, error: { code: 'WRITEOFF_NEEDS_APPROVAL', field: 'siteId' } })
    expect(!direct.ok && direct.error.message).toBe('测试储备库1 是街道储备点，报废须经区级审批：请提交报废申请')
    expect(unwrap(request('bf-req-0001', [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 3, note: '帐篷杆断裂' }]))).toEqual({ id: 'bf-req-0001', alreadyRequested: false })
    expect(bal('S-A', 'SH-001', 'T1')).toBe(10)
    // the approver sees the lot, the balance and the reason
    const [req] = unwrap(call('writeoff.requests', { status: 'requested' }, district))
    expect(req).toMatchObject({
      id: 'bf-req-0001', siteName: '测试储备库1', reason: '霉变破损', status: 'requested', requestedBy: '库管员李强',
      lines: [{ itemCode: 'SH-001', itemName: '帐篷', lotNo: 'T1', quantity: 3, balance: 10, unit: '顶', note: '帐篷杆断裂' }],
    })
    const r = unwrap(call('writeoff.decide', { id: 'bf-req-0001', decision: 'approve' }, district))
    expect(r).toMatchObject({ status: 'approved', documentId: 'bf-req-0001:BF' })
    expect(r.docNo).toMatch(/^BF/)
    expect(bal('S-A', 'SH-001', 'T1')).toBe(7)
    expect(unwrap(call('writeoff.requests', {}, keeperA))[0]).toMatchObject({ status: 'approved', decidedBy: '区规划员王芳', decidedAt: D })
    // decided once: neither approved again nor returned
    expect(call('writeoff.decide', { id: 'bf-req-0001', decision: 'approve' }, district)).toMatchObject({ ok: false, error: { code: 'WRITEOFF_NOT_PENDING' } })
    expect(bal('S-A', 'SH-001', 'T1')).toBe(7)
  })

  it('returned with a note moves nothing; the keeper may ask again', () => {
    setup()
    unwrap(request('bf-req-0002', [{ itemId: 'SH-003', lotId: lotId('SH-003', 'B1'), quantity: 5 }]))
    expect(call('writeoff.decide', { id: 'bf-req-0002', decision: 'return', note: '  ' }, district)).toMatchObject({ ok: false, error: { code: 'WRITEOFF_RETURN_NOTE', field: 'note' } })
    expect(unwrap(call('writeoff.decide', { id: 'bf-req-0002', decision: 'return', note: '请附照片' }, district))).toMatchObject({ status: 'returned', documentId: null })
    expect(bal('S-A', 'SH-003', 'B1')).toBe(20)
    expect(unwrap(call('writeoff.requests', { status: 'returned' }, keeperA))[0]).toMatchObject({ decisionNote: '请附照片' })
    expect(unwrap(request('bf-req-0003', [{ itemId: 'SH-003', lotId: lotId('SH-003', 'B1'), quantity: 5 }])).alreadyRequested).toBe(false)
  })

  it('checks each line when requested: the lot is the item\'s and enough is held (lines on one lot summed); nothing is written', () => {
    setup()
    const events = count(core, 'events')
    expect(request('bf-bad-0001', [{ itemId: 'SH-001', lotId: lotId('SH-003', 'B1'), quantity: 1 }])).toMatchObject({ ok: false, error: { code: 'LOT_ITEM_MISMATCH', row: 1, field: 'lotId' } })
    expect(request('bf-bad-0002', [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 6 }, { itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 5 }]))
      .toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', row: 2, field: 'quantity' } })
    expect(request('bf-bad-0003', [{ itemId: 'SH-001', lotId: 'nope', quantity: 1 }])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'lotId' } })
    expect(request('bf-bad-0004', [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 1 }], keeperA, '   ')).toMatchObject({ ok: false, error: { field: 'reason' } })
    expect(count(core, 'events')).toBe(events)
    expect(count(core, 'writeoff_requests')).toBe(0)
  })

  it('is not for the district depot, which writes off directly', () => {
    setup()
    const r = call('writeoff.request', { id: 'bf-dist-0001', siteId: 'D-1', docDate: D, reason: '破损', lines: [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 1 }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'WRITEOFF_NOT_STREET', field: 'siteId' } })
    expect(call('stock.writeOff', { id: 'bf-dist-0002', type: 'scrap', siteId: 'D-1', docDate: D, reason: '破损', lines: [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 1 }] }).ok).toBe(true)
    expect(bal('D-1', 'SH-001', 'T1')).toBe(9)
  })

  it('a lot past its date is still written off as 过期 directly at a street depot', () => {
    setup()
    unwrap(call('stock.receive', { id: 'rk-old-0001', siteId: 'S-A', docDate: D, lines: [{ itemId: 'SP-001', lotNo: 'OLD', expiryDate: '2026-05-01', quantity: 4 }], acceptExpired: true }))
    expect(call('stock.writeOff', { id: 'gq-old-0001', type: 'expire', siteId: 'S-A', docDate: D, reason: '过期', lines: [{ itemId: 'SP-001', lotId: lotId('SP-001', 'OLD'), quantity: 4 }] }, keeperA).ok).toBe(true)
  })
})

describe('who may request and decide', () => {
  it('only a keeper of the site requests; only a district planner decides; each sees only their scope', () => {
    setup()
    const line = [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 1 }]
    expect(request('bf-scope-01', line, keeperB)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(request('bf-scope-02', line, district)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    unwrap(request('bf-scope-03', line))
    expect(call('writeoff.decide', { id: 'bf-scope-03', decision: 'approve' }, keeperA)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(call('writeoff.decide', { id: 'bf-scope-03', decision: 'approve' }, streetPlanner)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(bal('S-A', 'SH-001', 'T1')).toBe(10)
    expect(unwrap(call('writeoff.requests', {}, keeperB))).toEqual([])
    expect(call('writeoff.requests', { siteId: 'S-A' }, keeperB)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(unwrap(call('writeoff.requests', {}, keeperA))).toHaveLength(1)
    expect(unwrap(call('writeoff.requests', {}, streetPlanner))).toHaveLength(1)
  })

  it('at the hub: a street depot\'s own 报废 document is the district\'s to send; a request is its site\'s', () => {
    setup()
    const rule = EVENT_TARGET['stock.document.posted']
    const look = { db: core.db, record: () => undefined }
    const e = {} as never
    expect(rule({ type: 'scrap', siteId: 'S-A' }, look, e)).toEqual([{ district: true }])
    expect(rule({ type: 'expire', siteId: 'S-A' }, look, e)).toEqual([{ siteId: 'S-A' }])
    expect(rule({ type: 'scrap', siteId: 'D-1' }, look, e)).toEqual([{ siteId: 'D-1' }])
    expect(EVENT_TARGET['writeoff.requested']({ siteId: 'S-A' }, look, e)).toEqual([{ siteId: 'S-A' }])
    expect(EVENT_TARGET['writeoff.decided']({ id: 'x' }, look, e)).toEqual([{ district: true }])
  })
})

describe('the write-off report', () => {
  it('lists 报废 and 过期 of a period by reason with quantity and value; a reversed one is left out; scoped', () => {
    setup()
    unwrap(request('bf-rep-0001', [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 2 }], keeperA, '霉变破损'))
    unwrap(call('writeoff.decide', { id: 'bf-rep-0001', decision: 'approve' }, district))
    unwrap(call('stock.writeOff', { id: 'bf-rep-0002', type: 'scrap', siteId: 'D-1', docDate: D, reason: '霉变破损', lines: [{ itemId: 'SH-003', lotId: lotId('SH-003', 'B1'), quantity: 4 }] }))
    unwrap(call('stock.writeOff', { id: 'bf-rep-0003', type: 'scrap', siteId: 'D-1', docDate: D, reason: '鼠咬', lines: [{ itemId: 'SH-003', lotId: lotId('SH-003', 'B1'), quantity: 1 }] }))
    unwrap(call('stock.writeOff', { id: 'bf-rep-0004', type: 'scrap', siteId: 'D-1', docDate: D, reason: '录错', lines: [{ itemId: 'SH-003', lotId: lotId('SH-003', 'B1'), quantity: 1 }] }))
    unwrap(call('stock.reverse', { id: 'cx-rep-0004', documentId: 'bf-rep-0004', docDate: D }))
    const rep = unwrap(call('writeoff.report', { from: '2026-01-01', to: '2026-12-31' }, district))
    expect(rep.groups.map((g: { reason: string; type: string; documents: number; quantity: number; value: number }) => [g.reason, g.type, g.documents, g.quantity, g.value])).toEqual([
      ['霉变破损', 'scrap', 2, 6, 2 * 1800 + 4 * 150],
      ['鼠咬', 'scrap', 1, 1, 150],
    ])
    expect(rep.total).toBe(4350)
    // a keeper of S-A sees only S-A's
    const mine = unwrap(call('writeoff.report', { from: '2026-01-01', to: '2026-12-31' }, keeperA))
    expect(mine.groups).toMatchObject([{ reason: '霉变破损', documents: 1, quantity: 2, value: 3600 }])
    expect(unwrap(call('writeoff.report', { from: '2026-07-01', to: '2026-12-31' }, district)).groups).toEqual([])
    expect(call('writeoff.report', { from: '2026-12-31', to: '2026-01-01' })).toMatchObject({ ok: false, error: { field: 'to' } })
  })
})

describe('between offices', () => {
  it('a request made at the street office is approved at the district office; both end with the same request and stock', async () => {
    const { exchangeDirect } = await import('../../../core/sync/exchange')
    const { projectionHash } = await import('../../helpers/sync')
    setup()
    const street = core
    const districtOffice = memoryCore()
    try {
      exchangeDirect(street.context(), districtOffice.context())
      unwrap(street.call('writeoff.request', { id: 'bf-sync-0001', siteId: 'S-A', docDate: D, reason: '水浸', lines: [{ itemId: 'SH-001', lotId: lotId('SH-001', 'T1'), quantity: 4 }] }, { actor: keeperA }))
      exchangeDirect(street.context(), districtOffice.context())
      expect(unwrap(districtOffice.call('writeoff.requests', { status: 'requested' }, { actor: district }))).toMatchObject([{ id: 'bf-sync-0001', reason: '水浸' }])
      unwrap(districtOffice.call('writeoff.decide', { id: 'bf-sync-0001', decision: 'approve' }, { actor: district }))
      exchangeDirect(street.context(), districtOffice.context())
      expect(bal('S-A', 'SH-001', 'T1')).toBe(6)
      expect(unwrap(street.call('writeoff.requests', {}, { actor: keeperA }))[0]).toMatchObject({ status: 'approved', decidedBy: '区规划员王芳', documentId: 'bf-sync-0001:BF' })
      expect(projectionHash(street)).toBe(projectionHash(districtOffice))
    } finally { districtOffice.close() }
  })
})
