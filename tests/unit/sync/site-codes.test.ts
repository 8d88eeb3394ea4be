/**
 * Codes two offices chose while apart. Sites: two offices open a point under the same code while apart (or rename one to a code the other just used). Both
 * sites and the stock posted to them must survive the sync on every office; the clash is listed for the planners,
 * the same everywhere, until one of the sites is renamed. (Until migration 0009 the code was unique in the file:
 * the second site was silently dropped on arrival and the stock posted to it waited forever.)
 */
import { describe, it, expect } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { eventsSince, receive, vectorOf } from '../../../core/sync/exchange'
import { unwrap, office } from '../../helpers/core'
import { ledgerSum, pendingCount, projectionHash, rebuiltFromEvents } from '../../helpers/sync'

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

describe('an item code given by two district offices while apart', () => {
  const item = (code: string, name: string, id?: string) =>
    ({ id, code, name, category: '生活类', unit: '件', returnable: false, lotTracked: false, unitPrice: 10 })
  const itemsWithCode = (c: Core, code: string) => c.db.$client.prepare('SELECT id, name FROM items WHERE code = ? ORDER BY id').all(code)

  it('keeps both items, whatever the order; lists the clash; imports naming the code are refused; a rename clears it', () => {
    const a = office(), b = office(), c = office()
    // the bureau adds 折叠床 under WZ-900; the depot renames its 行军床 (a new item of its own) to WZ-900 too
    const bed = call<{ id: string }>(b, 'catalogue.saveItem', item('WZ-901', '行军床')).id
    send(b, a)
    const folding = call<{ id: string }>(a, 'catalogue.saveItem', item('WZ-900', '折叠床')).id
    call(b, 'catalogue.saveItem', item('WZ-900', '行军床', bed))
    send(b, c); send(a, c); send(a, b); send(b, a)
    for (const o of [a, b, c]) {
      expect(pendingCount(o)).toBe(0) // (a unique code in the file left the rename waiting forever)
      expect(itemsWithCode(o, 'WZ-900')).toEqual([{ id: bed, name: '行军床' }, { id: folding, name: '折叠床' }].sort((x, y) => x.id.localeCompare(y.id)))
      expect(openList(o).filter((x) => x.kind === 'item_code').map((x) => [x.entityId, x.detail.items.length])).toEqual([['WZ-900', 2]])
    }
    expect(projectionHash(a)).toBe(projectionHash(b))
    expect(projectionHash(a)).toBe(projectionHash(c))

    // an opening-stock import naming WZ-900 cannot know which item it means: the row and field say so
    const csv = (text: string) => ({ format: 'csv' as const, base64: Buffer.from(text, 'utf8').toString('base64') })
    const p = call<{ errors: Array<{ row: number; field: string; message: string }> }>(a, 'import.preview', {
      kind: 'opening', source: csv('物资编码,物资名称,单位,批次号,生产日期,有效期至,数量\nWZ-900,折叠床,件,,,,3\n'),
    })
    expect(p.errors.map((e) => [e.row, e.field, e.message])).toEqual([[2, 'itemCode',
      '第 2 行 物资编码：物资编码 WZ-900 同时用于 2 种物资（两处离线时使用了同一编码），无法确定是哪一种：请先在物资目录中修改其中一个的编码']])
    const cat = call<{ errors: Array<{ row: number; field: string; code: string }> }>(a, 'catalogue.importPreview', {
      source: { format: 'rows', rows: [['物资编码', '物资名称', '类别', '单位'], ['WZ-900', '折叠床', '生活类', '件']] },
    })
    expect(cat.errors.map((e) => [e.row, e.field, e.code])).toEqual([[2, 'code', 'IMPORT_ITEM_CODE_AMBIGUOUS']])
    const refused = a.call('sync.resolveConflict', { id: 'item_code:WZ-900' })
    expect(refused.ok).toBe(false)

    call(b, 'catalogue.saveItem', item('WZ-902', '行军床', bed))
    send(b, a); send(b, c)
    for (const o of [a, b, c]) {
      expect(openList(o).filter((x) => x.kind === 'item_code')).toEqual([])
      expect(itemsWithCode(o, 'WZ-900')).toEqual([{ id: folding, name: '折叠床' }])
    }
  })
})
