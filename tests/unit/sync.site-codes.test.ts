/**
 * Two offices open a point under the same code while apart (or rename one to a code the other just used). Both
 * sites and the stock posted to them must survive the sync on every office; the clash is listed for the planners,
 * the same everywhere, until one of the sites is renamed. (Until migration 0009 the code was unique in the file:
 * the second site was silently dropped on arrival and the stock posted to it waited forever.)
 */
import { describe, it, expect } from 'vitest'
import { createCore, type Core } from '../../core/app'
import { eventsSince, receive, vectorOf } from '../../core/sync/exchange'
import { unwrap, office } from '../helpers/core'
import { ledgerSum, pendingCount, projectionHash, rebuiltFromEvents } from '../helpers/sync'

const call = <T = any>(c: Core, m: string, i: unknown): T => unwrap<T>(c.call(m, i))
const send = (from: Core, to: Core) => receive(to.context(), eventsSince(from.db, vectorOf(to.db)))
const LONGTAN = '310117001001'
const point = (name: string, code = 'SJ-YY-099') =>
  ({ code, name, tier: 'community', regionCode: LONGTAN, ownership: 'self', serves: [LONGTAN] })
const itemId = (c: Core) => c.db.$client.prepare("SELECT id FROM items WHERE lot_tracked = 0 ORDER BY code LIMIT 1").pluck().get() as string
const receiveAt = (c: Core, siteId: string, quantity: number) => call(c, 'stock.receive', {
  id: `r-${siteId}`, siteId, docDate: '2026-06-01', subtype: '采购入库', lines: [{ itemId: itemId(c), lotNo: '', quantity }],
})
const sitesWithCode = (c: Core, code: string) => c.db.$client.prepare('SELECT id, name FROM sites WHERE code = ? ORDER BY id').all(code)
const openList = (c: Core) => call<Array<{ id: string; kind: string; entityId: string; detail: any }>>(c, 'sync.conflicts', {})

describe('a site code chosen by two offices while apart', () => {
  it('keeps both sites and their stock on every office, whatever the order of arrival, and lists the clash the same way', () => {
    const a = office(), b = office(), c = office()
    const sa = call<{ id: string }>(a, 'network.openSite', point('龙潭村应急物资储备点（甲）')).id
    const sb = call<{ id: string }>(b, 'network.openSite', point('龙潭村应急物资储备点（乙）')).id
    receiveAt(a, sa, 5)
    receiveAt(b, sb, 7)
    // c hears from b first, a from nobody but b later; b from a
    send(b, c); send(a, c); send(a, b); send(b, a)
    for (const o of [a, b, c]) {
      expect(pendingCount(o)).toBe(0)
      expect(sitesWithCode(o, 'SJ-YY-099')).toEqual([sa, sb].sort().map((id) => ({ id, name: id === sa ? '龙潭村应急物资储备点（甲）' : '龙潭村应急物资储备点（乙）' })))
      expect(ledgerSum(o)).toBe(12)
      const clash = openList(o).filter((x) => x.kind === 'site_code')
      expect(clash.map((x) => x.entityId)).toEqual(['SJ-YY-099'])
      expect(clash[0].detail.sites.map((s: { id: string }) => s.id)).toEqual([sa, sb].sort())
      expect(call<{ openConflicts: number }>(o, 'sync.overview', {}).openConflicts).toBeGreaterThanOrEqual(1)
    }
    expect(projectionHash(a)).toBe(projectionHash(b))
    expect(projectionHash(a)).toBe(projectionHash(c))
    expect(projectionHash(rebuiltFromEvents(c))).toBe(projectionHash(c))

    // the clash cannot be ticked off: a planner renames one of the sites, and it is gone on every office
    const refused = a.call('sync.resolveConflict', { id: 'site_code:SJ-YY-099' })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.message).toContain('仍由 2 个储备点同时使用')
    // the other site's edits wait for a new code: this office still refuses to save a second site under it
    const stillTaken = b.call('network.updateSite', { id: sa, keeper: '王五' })
    expect(stillTaken.ok).toBe(false)
    if (!stillTaken.ok) expect(stillTaken.error).toMatchObject({ code: 'SITE_CODE_TAKEN', field: 'code' })
    call(b, 'network.updateSite', { id: sb, code: 'SJ-YY-100' })
    send(b, a); send(b, c)
    for (const o of [a, b, c]) {
      expect(openList(o).filter((x) => x.kind === 'site_code')).toEqual([])
      expect(sitesWithCode(o, 'SJ-YY-100')).toEqual([{ id: sb, name: '龙潭村应急物资储备点（乙）' }])
    }
    expect(projectionHash(a)).toBe(projectionHash(c))
  })

  it('a rename to a code another office took meanwhile is applied everywhere, not left waiting', () => {
    const a = office(), b = office()
    const s1 = call<{ id: string }>(a, 'network.openSite', point('一号点', 'P-1')).id
    send(a, b)
    call(a, 'network.openSite', point('二号点', 'P-2'))
    call(b, 'network.updateSite', { id: s1, code: 'P-2' })
    send(a, b); send(b, a)
    for (const o of [a, b]) {
      expect(pendingCount(o)).toBe(0)
      expect(sitesWithCode(o, 'P-2').length).toBe(2)
      expect(openList(o).filter((x) => x.kind === 'site_code').map((x) => x.entityId)).toEqual(['P-2'])
    }
    expect(projectionHash(a)).toBe(projectionHash(b))
  })

  it('one office still refuses a code it already holds, naming the field', () => {
    const a = office()
    call(a, 'network.openSite', point('一号点', 'P-1'))
    const r = a.call('network.openSite', point('又一个点', 'P-1'))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ code: 'SITE_CODE_TAKEN', field: 'code' })
  })
})
