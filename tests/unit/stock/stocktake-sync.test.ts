/** 盘点 events between offices: counts merge per line by clock, posted beats cancelled, nothing waits forever. */
import { describe, it, expect, afterEach } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { cancelStocktake, getStocktake, openStocktake, postStocktake, saveCounts } from '../../../core/stock/stocktake'
import { eventsSince, exchangeDirect, receive, vectorOf } from '../../../core/sync/exchange'
import { hubSync, registerDevice, sqliteHubStore } from '../../../core/sync/hub'
import { pendingCount, projectionHash } from '../../helpers/sync'
import { office } from '../../helpers/core'

const STREET = '310117001000'

/** Two offices that share a site with stock, and a stocktake opened on the first, known to both. */
function twoOffices() {
  const a = office(), b = office()
  createSite(a.context(), { id: 'site-1', code: 'Z1', name: '中山街道储备库', tier: 'street', regionCode: STREET })
  const item = a.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
  postReceipt(a.context(), { id: 'doc-r1', siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item, lotNo: 'L1', quantity: 10 }] })
  openStocktake(a.context(), { id: 'st-1', siteId: 'site-1', blind: false })
  exchangeDirect(a.context(), b.context())
  return { a, b }
}
const conflictKinds = (c: Core) => c.db.$client.prepare('SELECT kind FROM conflicts ORDER BY kind').pluck().all()

describe('stocktake events across offices', () => {
  it('arrives whole at the other office, counts included', () => {
    const { a, b } = twoOffices()
    saveCounts(a.context(), { stocktakeId: 'st-1', counts: [{ lineNo: 1, counted: 8, reason: ' 破损 ' }] })
    exchangeDirect(a.context(), b.context())
    expect(getStocktake(b.context(), 'st-1').lines[0]).toMatchObject({ expected: 10, counted: 8, reason: '破损', variance: -2 })
    expect(projectionHash(a)).toBe(projectionHash(b))
  })

  it('two counters on two machines: the later count wins on both, the other is kept as a conflict', async () => {
    const { a, b } = twoOffices()
    saveCounts(a.context(), { stocktakeId: 'st-1', counts: [{ lineNo: 1, counted: 7, reason: '少' }] })
    await new Promise((r) => setTimeout(r, 5)) // b's count is made later (a later millisecond on its clock)
    saveCounts(b.context(), { stocktakeId: 'st-1', counts: [{ lineNo: 1, counted: 9, reason: '多' }] }) // later clock
    exchangeDirect(a.context(), b.context())
    expect(getStocktake(a.context(), 'st-1').lines[0].counted).toBe(9)
    expect(getStocktake(b.context(), 'st-1').lines[0].counted).toBe(9)
    expect(conflictKinds(a)).toContain('lww')
    expect(conflictKinds(b)).toContain('lww')
    // a recount on the same machine after seeing the other's is sequential: no new conflict
    const before = conflictKinds(a).length
    saveCounts(a.context(), { stocktakeId: 'st-1', counts: [{ lineNo: 1, counted: 10, reason: '复盘' }] })
    expect(conflictKinds(a).length).toBe(before)
  })

  it('posted on one machine and cancelled on the other: posted wins everywhere, flagged', () => {
    const { a, b } = twoOffices()
    saveCounts(a.context(), { stocktakeId: 'st-1', counts: [{ lineNo: 1, counted: 9, reason: '破损' }] })
    postStocktake(a.context(), { stocktakeId: 'st-1', id: 'doc-st-1', docDate: '2026-05-02' })
    cancelStocktake(b.context(), { stocktakeId: 'st-1' })
    exchangeDirect(a.context(), b.context())
    for (const c of [a, b]) {
      expect(getStocktake(c.context(), 'st-1')).toMatchObject({ status: 'posted', documentId: 'doc-st-1' })
      expect(conflictKinds(c)).toContain('stocktake_posted_and_cancelled')
    }
    expect(projectionHash(a)).toBe(projectionHash(b))
  })

  it('a count that arrives before its stocktake waits, then applies', () => {
    const { a } = twoOffices()
    const b = office() // has seen nothing yet
    const upToOpen = vectorOf(a.db)[a.replicaId]
    saveCounts(a.context(), { stocktakeId: 'st-1', counts: [{ lineNo: 1, counted: 4, reason: '破损' }] })
    const countOnly = eventsSince(a.db, { [a.replicaId]: upToOpen })
    expect(countOnly.map((e) => e.type)).toEqual(['stocktake.counted'])
    expect(receive(b.context(), countOnly)).toMatchObject({ inserted: 1, applied: 0, pending: 1 })
    receive(b.context(), eventsSince(a.db, {}))
    expect(pendingCount(b)).toBe(0)
    expect(getStocktake(b.context(), 'st-1').lines[0].counted).toBe(4)
    expect(projectionHash(a)).toBe(projectionHash(b))
  })

  it('the hub refuses a street device\'s stocktake of another street\'s site', async () => {
    const hub = office(), c = office()
    const other = c.db.$client.prepare("SELECT code FROM regions WHERE level = 'street' AND code <> ? ORDER BY code LIMIT 1").pluck().get(STREET) as string
    const token = registerDevice(hub.context(), { name: '中山街道', scopeKind: 'street', scopeRef: STREET }).token
    // The site is already known to the hub (from the district), the stocktake of it comes from the street device.
    createSite(hub.context(), { id: 'site-far', code: 'F1', name: '别的街道储备库', tier: 'street', regionCode: other })
    receive(c.context(), eventsSince(hub.db, {}))
    openStocktake(c.context(), { id: 'st-far', siteId: 'site-far', blind: false })
    cancelStocktake(c.context(), { stocktakeId: 'st-far' })
    const mine = eventsSince(c.db, { [hub.replicaId]: 99 })
    await expect(hubSync(hub.context(), sqliteHubStore(hub.context()), token, { vector: {}, events: mine })).rejects.toMatchObject({ code: 'SYNC_OUT_OF_SCOPE' })
    // ...and accepts the same for its own street's site
    const c2 = office()
    receive(c2.context(), eventsSince(hub.db, {}))
    createSite(c2.context(), { id: 'site-own', code: 'O1', name: '本街道储备库', tier: 'street', regionCode: STREET })
    openStocktake(c2.context(), { id: 'st-own', siteId: 'site-own', blind: false })
    cancelStocktake(c2.context(), { stocktakeId: 'st-own' })
    const r = await hubSync(hub.context(), sqliteHubStore(hub.context()), registerDevice(hub.context(), { name: '中山2', scopeKind: 'street', scopeRef: STREET }).token,
      { vector: {}, events: eventsSince(c2.db, { [hub.replicaId]: 99 }) })
    expect(r.stored).toBe(3)
  })
})
