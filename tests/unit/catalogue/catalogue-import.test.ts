/**
 * Excel/CSV import of the guidance catalogue: a good xlsx adds and changes items (and sets a plan year's prices),
 * a bad row is named by row and field in the user's language with nothing written, GBK CSV reads as people saved
 * it, and the column mapping is remembered.
 */
import { describe, it, expect, afterEach } from 'vitest'
import iconv from 'iconv-lite'
import { memoryCore, unwrap, count } from '../../helpers/core'
import { loadExcel, readXlsxRows, rowsForImport } from '../../../core/common/xlsx'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

const HEAD = ['物资编码', '物资名称', '类别', '单位', '规格', '保质期（天）', '可回收', '批次管理', '单价（元）']
async function xlsxRows(rows: Array<Array<string | number | null>>) {
  const Excel = await loadExcel()
  const wb = new Excel.Workbook()
  const ws = wb.addWorksheet('指导目录')
  for (const r of rows) ws.addRow(r)
  return rowsForImport(await readXlsxRows(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer)))
}
const source = (rows: unknown[][]) => ({ format: 'rows' as const, rows })
const gbk = (text: string) => ({ format: 'csv' as const, base64: iconv.encode(text, 'gbk').toString('base64') })
const item = (c: Core, code: string) => c.db.$client.prepare('SELECT code, name, category, unit, spec, shelf_life_days AS shelf, returnable, lot_tracked AS lot, unit_price AS price FROM items WHERE code = ?').get(code)
const state = (c: Core) => JSON.stringify(['items', 'catalogue_versions', 'events', 'settings'].map((t) => count(c, t)))

describe('catalogue import', () => {
  it('a good xlsx adds new items and changes known ones, and with a plan year sets that year\'s prices', async () => {
    core = memoryCore()
    const rows = await xlsxRows([HEAD,
      ['ZD-101', '折叠床（加宽）', '生活类', '张', '190×80cm', null, '是', '否', 260],
      ['ZD-102', '瓶装饮用水', '食品饮水', '箱', '550ml×24', 540, '否', '是', '32.5'],
      ['SH-001', '救灾帐篷', '生活类', '顶', '12㎡', null, '是', '是', 1950],
    ])
    const items = count(core, 'items')
    const p = unwrap(core.call('catalogue.importPreview', { source: source(rows) }))
    expect(p).toMatchObject({ total: 3, errorCount: 0, ready: 3, added: 2, changed: 1 })
    const r = unwrap(core.call('catalogue.importPost', { source: source(rows), planYear: 2027 }))
    expect(r).toMatchObject({ rows: 3, added: 2, changed: 1 })
    expect(count(core, 'items')).toBe(items + 2)
    expect(item(core, 'ZD-101')).toEqual({ code: 'ZD-101', name: '折叠床（加宽）', category: '生活类', unit: '张', spec: '190×80cm', shelf: null, returnable: 1, lot: 0, price: 260 })
    expect(item(core, 'ZD-102')).toMatchObject({ shelf: 540, returnable: 0, lot: 1, price: 32.5 })
    expect(item(core, 'SH-001')).toMatchObject({ name: '救灾帐篷', spec: '12㎡', price: 1950 })
    const y2027 = unwrap(core.call('catalogue.version', { planYear: 2027 })).rows
    expect(y2027.find((x: { itemId: string }) => x.itemId === 'SH-001')).toMatchObject({ unitPrice: 1950, versioned: true, included: true })
    // the items tab lists them
    expect(unwrap(core.call('catalogue.items', {})).map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['ZD-101', 'ZD-102']))
  })

  it('a bad row is named by row and field, in Chinese and in English, and nothing is written', async () => {
    core = memoryCore()
    const rows = await xlsxRows([HEAD,
      ['ZD-201', '应急灯', '照明类', '台', null, null, '否', '否', 85],
      ['ZD-202', '', '照明类', '台', null, null, '否', '否', 40],
      ['ZD-203', '手电筒', '照明类', '支', null, '三年', '也许', '否', '十元'],
      ['ZD-201', '应急灯（重复）', '照明类', '台', null, null, '否', '否', 85],
    ])
    const before = state(core)
    const p = unwrap(core.call('catalogue.importPreview', { source: source(rows) }))
    expect(p.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [3, 'name', 'IMPORT_REQUIRED'],
      [4, 'shelfLifeDays', 'IMPORT_BAD_QUANTITY'],
      [4, 'returnable', 'IMPORT_BAD_YESNO'],
      [4, 'unitPrice', 'IMPORT_BAD_MONEY'],
      [5, 'code', 'IMPORT_DUPLICATE_CODE'],
    ])
    expect(p.errors[0].message).toBe('第 3 行 物资名称：不能为空')
    expect(p.errors[2].message).toBe('第 4 行 可回收：“也许”应为“是”或“否”')
    const en = unwrap(core.call('catalogue.importPreview', { source: source(rows) }, { lang: 'en' }))
    expect(en.errors[0].message).toBe('Row 3, item name: must not be empty')
    const refused = core.call('catalogue.importPost', { source: source(rows), planYear: 2027 })
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_HAS_ERRORS', row: 3, field: 'name' } })
    expect(refused.ok || refused.error.message).toBe('文件还有 5 处错误，未导入任何数据。第一处：第 3 行 物资名称：不能为空')
    expect(state(core)).toBe(before)
    expect(item(core, 'ZD-201')).toBeUndefined()
  })

  it('invisible and look-alike values (issue 20, item 6): a zero-width name is empty, a C1 control, a bidi override and a Cyrillic code are refused', async () => {
    core = memoryCore()
    const rows = await xlsxRows([HEAD,
      ['ZD-301', '\u200b\ufeff', '照明类', '台', null, null, '否', '否', 85],
      ['ZD-302', '应急\u009b灯', '照明类', '台', null, null, '否', '否', 85],
      ['ZD-303', '应急灯\u202e', '照明类', '台', null, null, '否', '否', 85],
      ['ZD-30\u0417', '应急灯', '照明类', '台', null, null, '否', '否', 85],
      ['ＳＨ－００１\u200b', '救灾帐篷', '生活类', '顶', null, null, '否', '否', 85],
    ])
    const before = state(core)
    const p = unwrap(core.call('catalogue.importPreview', { source: source(rows) }))
    expect(p.errors.filter((e: { row: number }) => e.row < 6).map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [2, 'name', 'IMPORT_REQUIRED'], [3, 'name', 'IMPORT_BAD_CHARACTER'], [4, 'name', 'IMPORT_BAD_CHARACTER'], [5, 'code', 'IMPORT_BAD_CHARACTER'],
    ])
    expect(p.errors[3].message).toContain('U+0417')
    // the full-width code with a zero-width space is SH-001 itself: no new item
    expect(p.errors.some((e: { row: number }) => e.row === 6)).toBe(false)
    expect(state(core)).toBe(before)
  })

  it('reads a CSV that Chinese Excel saved in GBK, and remembers a column mapping for the next file', () => {
    core = memoryCore()
    const text = '编号,品名,物资类别,计量单位,参考价\r\nZD-301,救生衣,救生类,件,"1,200"\r\n'
    const first = unwrap(core.call('catalogue.importPreview', { source: gbk(text) }))
    expect(first.encoding).toBe('gb18030')
    expect(first.fileErrors.map((e: { field: string }) => e.field)).toEqual(['code'])
    const mapping = { code: 0, name: 1, category: 2, unit: 3, unitPrice: 4 }
    expect(unwrap(core.call('catalogue.importPreview', { source: gbk(text), mapping }))).toMatchObject({ errorCount: 0, ready: 1 })
    unwrap(core.call('catalogue.importPost', { source: gbk(text), mapping }))
    expect(item(core, 'ZD-301')).toMatchObject({ name: '救生衣', category: '救生类', unit: '件', price: 1200, lot: 1 })
    // the same headers next time: no mapping needed
    const again = unwrap(core.call('catalogue.importPreview', { source: gbk(text.replace('ZD-301,救生衣', 'ZD-302,救生圈')) }))
    expect(again).toMatchObject({ errorCount: 0, ready: 1, added: 1, mapping })
  })

  it('is a planner\'s job', async () => {
    core = memoryCore()
    const keeper = { id: 'k', name: '库管员', roles: ['keeper' as const], scope: { kind: 'district' as const } }
    const rows = await xlsxRows([HEAD, ['ZD-401', '雨衣', '防汛', '件', null, null, '否', '否', 20]])
    expect(core.call('catalogue.importPost', { source: source(rows) }, { actor: keeper })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(item(core, 'ZD-401')).toBeUndefined()
  })
})
