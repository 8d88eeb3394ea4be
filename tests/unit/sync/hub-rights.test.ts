/**
 * What a street's device may push to the hub: every event type has a rule (or is district-only, with a reason);
 * a street office runs dispatch for its own sites through the hub — incidents, requests, transfer orders from
 * draft to close, and the receipt of an order the district sent it — and is refused, with nothing stored, for
 * another street's sites, for the district depot's shipments and for district-only records.
 */
import { describe, it, expect, afterEach } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { recordAgreement } from '../../../core/agreements/callups'
import { registeredTypes } from '../../../core/sync/registry'
import { DISTRICT_ONLY, EVENT_TARGET, hubSync, registerDevice, sqliteHubStore, syncWithHub, type SyncRequest } from '../../../core/sync/hub'
import { isAppError } from '../../../core/common/errors'
import { eventsSince, exchangeDirect, vectorOf } from '../../../core/sync/exchange'
import { unwrap, office } from '../../helpers/core'
import { eventIds, projectionHash } from '../../helpers/sync'


const DISTRICT = '310117000000'
const YUEYANG = '310117001000' // 岳阳街道
const YUEYANG_COMMUNITY = '310117001001'
const YONGFENG = '310117002000' // 永丰街道
const YONGFENG_COMMUNITY = '310117002003'

describe('hub rights: a rule for every event type', () => {
  it('every registered event type says which sites it writes for, or why only the district may send it', () => {
    const missing = registeredTypes().filter((t) => !EVENT_TARGET[t] && !DISTRICT_ONLY[t])
    expect(missing).toEqual([])
    for (const [type, reason] of Object.entries(DISTRICT_ONLY)) {
      expect(EVENT_TARGET[type], `${type} is both district-only and targeted`).toBeUndefined()
      expect(reason.length).toBeGreaterThan(20)
    }
  })
})

/** A hub, a district office that set up the network and stock, and the street's device token. */
async function network() {
  const hub = office()
  const store = sqliteHubStore(hub.context())
  const post = (token: string) => (body: SyncRequest) => hubSync(hub.context(), store, token, body)
  const district = registerDevice(hub.context(), { name: '区应急管理局', scopeKind: 'district' }).token
  const street = registerDevice(hub.context(), { name: '岳阳街道', scopeKind: 'street', scopeRef: YUEYANG }).token
  const d = office()
  const ctx = d.context()
  createSite(ctx, { id: 'D1', code: 'QJ', name: '区储备库', tier: 'district', regionCode: DISTRICT })
  createSite(ctx, { id: 'Y1', code: 'YY', name: '岳阳街道储备库', tier: 'street', regionCode: YUEYANG })
  createSite(ctx, { id: 'C1', code: 'YYSQ', name: '岳阳社区储备点', tier: 'community', regionCode: YUEYANG_COMMUNITY })
  createSite(ctx, { id: 'O1', code: 'YF', name: '永丰街道储备库', tier: 'street', regionCode: YONGFENG })
  for (const [i, site] of ['D1', 'Y1', 'O1'].entries()) {
    unwrap(d.call('stock.receive', { id: `rk-00000${i + 1}`, siteId: site, docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'T', quantity: 100 }] }))
  }
  unwrap(d.call('incident.save', { id: 'inc-d', name: '台风', type: '台风', startedAt: '2026-05-30', regionCodes: [DISTRICT] }))
  recordAgreement(ctx, {
    partner: { id: 'P1', name: '松江好运超市' },
    agreement: { id: 'AG1', agreementNo: 'XY-01', kind: 'materials', responseHours: 6, validFrom: '2026-01-01', validTo: '2026-12-31' },
    lines: [{ itemId: 'SP-001', quantity: 100 }],
  })
  await syncWithHub(d.context(), post(district))
  /** a street office that has everything the hub has */
  const streetOffice = async () => {
    const s = office()
    await syncWithHub(s.context(), post(street))
    return s
  }
  return { hub, store, post, district, street, d, streetOffice }
}

const step = (c: Core, id: string, action: 'approve' | 'dispatch' | 'receive' | 'close' | 'cancel') => unwrap(c.call('transfer.transition', { id, action }))

/** The hub's refusal as the street's operator reads it, and proof that nothing of the request was stored. */
async function refused(n: Awaited<ReturnType<typeof network>>, s: Core) {
  const before = eventIds(n.hub)
  const err = await syncWithHub(s.context(), n.post(n.street)).then(() => null, (e: unknown) => e)
  if (!isAppError(err)) throw new Error(`expected a refusal, got ${String(err)}`)
  expect(err.status).toBe(403)
  expect(eventIds(n.hub)).toEqual(before)
  expect((await n.store.vector())[s.replicaId] ?? 0).toBe(0)
  return { code: err.code, zh: err.toWire('zh').message, en: err.toWire('en').message }
}

describe('hub rights: dispatch from a street\'s device', () => {
  it('a street office runs an incident, a request and a transfer order for its own sites through the hub', async () => {
    const n = await network()
    const s = await n.streetOffice()
    unwrap(s.call('incident.save', { id: 'inc-yy', name: '岳阳内涝', type: '内涝', level: 'III', startedAt: '2026-05-30', regionCodes: [YUEYANG_COMMUNITY] }))
    unwrap(s.call('request.save', { id: 'req-yy', incidentId: 'inc-yy', destinationSiteId: 'C1', lines: [{ itemId: 'SH-001', quantity: 10 }] }))
    unwrap(s.call('request.save', { id: 'req-yy', incidentId: 'inc-yy', destinationSiteId: 'C1', urgency: 'urgent', lines: [{ itemId: 'SH-001', quantity: 12 }] }))
    unwrap(s.call('transfer.save', { id: 'order-yy-1', incidentId: 'inc-yy', requestId: 'req-yy', fromSiteId: 'Y1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 12 }] }))
    for (const a of ['approve', 'dispatch', 'receive', 'close'] as const) step(s, 'order-yy-1', a)
    unwrap(s.call('transfer.save', { id: 'order-yy-2', incidentId: 'inc-yy', fromSiteId: 'Y1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 1 }] }))
    step(s, 'order-yy-2', 'cancel')
    unwrap(s.call('incident.close', { id: 'inc-yy', endedAt: '2026-06-01' }))

    const r = await syncWithHub(s.context(), n.post(n.street))
    expect(r.sent).toBeGreaterThan(10)
    const q = (sql: string, ...args: unknown[]) => n.hub.db.$client.prepare(sql).get(...args)
    expect(q("SELECT state FROM transfer_orders WHERE id = 'order-yy-1'")).toEqual({ state: 'closed' })
    expect(q("SELECT state FROM transfer_orders WHERE id = 'order-yy-2'")).toEqual({ state: 'cancelled' })
    expect(q("SELECT urgency FROM requests WHERE id = 'req-yy'")).toEqual({ urgency: 'urgent' })
    expect(q("SELECT status FROM incidents WHERE id = 'inc-yy'")).toEqual({ status: 'closed' })
    // and the district sees the same
    await syncWithHub(n.d.context(), n.post(n.district))
    expect(projectionHash(n.d)).toBe(projectionHash(s))
  })

  it('the street signs for an order the district depot sent to its site, but may not ship from the district depot', async () => {
    const n = await network()
    unwrap(n.d.call('transfer.save', { id: 'order-d-1', fromSiteId: 'D1', toSiteId: 'Y1', lines: [{ itemId: 'SH-001', requested: 5 }] }))
    step(n.d, 'order-d-1', 'approve'); step(n.d, 'order-d-1', 'dispatch')
    unwrap(n.d.call('transfer.save', { id: 'order-d-2', fromSiteId: 'D1', toSiteId: 'Y1', lines: [{ itemId: 'SH-001', requested: 5 }] }))
    step(n.d, 'order-d-2', 'approve')
    await syncWithHub(n.d.context(), n.post(n.district))

    const s = await n.streetOffice()
    step(s, 'order-d-1', 'receive')
    await syncWithHub(s.context(), n.post(n.street))
    expect(n.hub.db.$client.prepare("SELECT state FROM transfer_orders WHERE id = 'order-d-1'").pluck().get()).toBe('received')

    const s2 = await n.streetOffice()
    step(s2, 'order-d-2', 'dispatch')
    const r = await refused(n, s2)
    expect(r.code).toBe('SYNC_OUT_OF_SCOPE')
    expect(r.zh).toContain('D1')
  })

  it('is refused, with nothing stored, for another street\'s sites and regions', async () => {
    const n = await network()
    const cases: Array<[string, (s: Core) => void, string]> = [
      ['an order shipping from 永丰\'s depot', (s) => unwrap(s.call('transfer.save', { id: 'order-other', fromSiteId: 'O1', toSiteId: 'Y1', lines: [{ itemId: 'SH-001', requested: 5 }] })), 'O1'],
      ['an incident in 永丰', (s) => unwrap(s.call('incident.save', { id: 'inc-x', name: '永丰火情', type: '火灾', startedAt: '2026-05-30', regionCodes: [YONGFENG] })), YONGFENG],
      ['a request for 永丰\'s depot', (s) => unwrap(s.call('request.save', { id: 'req-x', incidentId: 'inc-d', destinationSiteId: 'O1', lines: [{ itemId: 'SH-001', quantity: 1 }] })), 'O1'],
      // (until this rule a site edit was judged only by the street it leaves)
      ['moving 岳阳\'s point into a community of 永丰', (s) => unwrap(s.call('network.updateSite', { id: 'C1', regionCode: YONGFENG_COMMUNITY })), YONGFENG_COMMUNITY],
      ['making 岳阳\'s point serve a community of 永丰', (s) => unwrap(s.call('network.updateSite', { id: 'C1', serves: [YUEYANG_COMMUNITY, YONGFENG_COMMUNITY] })), YONGFENG_COMMUNITY],
    ]
    for (const [what, act, target] of cases) {
      const s = await n.streetOffice()
      act(s)
      const r = await refused(n, s)
      expect(r.code, what).toBe('SYNC_OUT_OF_SCOPE')
      expect(r.zh, what).toBe(`本设备无权提交该储备库点或区划的数据（事件 ${s.replicaId}:1，库点/区划 ${target}），未保存任何数据`)
      expect(r.en, what).toContain('nothing was stored')
    }
  })

  it('a record only the district keeps (an agreement) is refused with the reason', async () => {
    const n = await network()
    const s = await n.streetOffice()
    recordAgreement(s.context(), {
      partner: { id: 'P2', name: '岳阳超市' },
      agreement: { id: 'AG2', agreementNo: 'XY-02', kind: 'materials', validFrom: '2026-01-01', validTo: '2026-12-31' },
      lines: [{ itemId: 'SP-001', quantity: 10 }],
    })
    const r = await refused(n, s)
    expect(r.code).toBe('SYNC_DISTRICT_ONLY')
    expect(r.zh).toBe(`该类数据只能由区级设备提交（事件 ${s.replicaId}:1，类型 agreement.recorded），未保存任何数据`)
  })

  it('an order drafted and moved on offline arrives in one request and is accepted', async () => {
    const n = await network()
    const s = await n.streetOffice()
    unwrap(s.call('transfer.save', { id: 'order-off', fromSiteId: 'Y1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 3 }] }))
    unwrap(s.call('transfer.save', { id: 'order-off', fromSiteId: 'Y1', toSiteId: 'C1', lines: [{ itemId: 'SH-001', requested: 4 }] }))
    for (const a of ['approve', 'dispatch'] as const) step(s, 'order-off', a)
    const r = await syncWithHub(s.context(), n.post(n.street))
    expect(r.rounds).toBe(1)
    expect(n.hub.db.$client.prepare("SELECT state FROM transfer_orders WHERE id = 'order-off'").pluck().get()).toBe('dispatched')
  })

  it('a street office holding a district office\'s edits that never reached the hub still syncs; the hub takes them when that office syncs', async () => {
    const n = await network()
    // the district depot's office (a district device the hub has never heard from) sets the counting weight and
    // opens an incident; a street office gets both on a USB stick, then works and syncs with the hub
    const depot = office()
    exchangeDirect(n.d.context(), depot.context())
    unwrap(depot.call('compliance.setWeight', { weight: 0.5 }))
    unwrap(depot.call('incident.save', { id: 'inc-depot', name: '仓库内涝', type: '内涝', startedAt: '2026-05-31', regionCodes: [YUEYANG_COMMUNITY] }))
    const s = office()
    exchangeDirect(depot.context(), s.context())
    unwrap(s.call('incident.save', { id: 'inc-yy', name: '岳阳内涝', type: '内涝', startedAt: '2026-05-30', regionCodes: [YUEYANG_COMMUNITY] }))
    const weight = (c: Core) => c.db.$client.prepare("SELECT value FROM settings WHERE key = 'compliance.agreementWeight'").pluck().get()

    // (until the hub deferred them, the whole request was refused with SYNC_DISTRICT_ONLY, and the street office
    // could not sync with the hub at all until the depot's office did)
    const r = await syncWithHub(s.context(), n.post(n.street))
    expect(r.deferred).toBe(vectorOf(s.db)[depot.replicaId])
    expect(vectorOf(n.hub.db)[s.replicaId]).toBe(vectorOf(s.db)[s.replicaId]) // the street's own events are in
    expect(vectorOf(n.hub.db)[depot.replicaId] ?? 0).toBe(0) // the depot's wait for the depot
    expect(weight(n.hub)).not.toBe('0.5')

    // once the depot's office syncs, the hub has them, and the street office has nothing left waiting
    const depotDevice = registerDevice(n.hub.context(), { name: '区储备库', scopeKind: 'district' }).token
    await syncWithHub(depot.context(), n.post(depotDevice))
    expect(weight(n.hub)).toBe('0.5')
    const again = await syncWithHub(s.context(), n.post(n.street))
    expect(again.deferred).toBe(0)
    expect(projectionHash(n.hub)).toBe(projectionHash(s))
  })

  it('a street office relaying the district\'s events is bound to its own replica, not the first one it sends', async () => {
    const n = await network()
    const s = office()
    exchangeDirect(n.d.context(), s.context()) // learnt from the district over a shared folder, say
    unwrap(s.call('incident.save', { id: 'inc-yy', name: '岳阳内涝', type: '内涝', startedAt: '2026-05-30', regionCodes: [YUEYANG_COMMUNITY] }))
    const all = eventsSince(s.db, {})
    // an older client names no replica, and the district's events come first
    const events = [...all.filter((e) => e.replicaId !== s.replicaId), ...all.filter((e) => e.replicaId === s.replicaId)]
    const r = await hubSync(n.hub.context(), n.store, n.street, { vector: vectorOf(s.db), events })
    expect(r.stored).toBe(1)
    expect(n.hub.db.$client.prepare('SELECT replica_id FROM hub_devices WHERE name = ?').pluck().get('岳阳街道')).toBe(s.replicaId)
  })
})
