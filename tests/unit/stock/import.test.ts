/**
 * Import of opening stock and receipts: a corpus of bad files, each with the right row/field errors and the database
 * left unchanged; good files (UTF-8, GBK, xlsx rows) imported exactly; values read the way people write them.
 */
import { describe, it, expect, afterEach } from 'vitest'
import iconv from 'iconv-lite'
import { memoryCore, unwrap, count } from '../../helpers/core'
import { decodeText, parseDate, parseDelimited, parseQuantity } from '../../../core/common/import-parse'
import { buildXlsx, readXlsxRows, rowsForImport, loadExcel } from '../../../core/common/xlsx'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

const HEAD = '物资编码,物资名称,单位,批次号,生产日期,有效期至,数量,单价（元）,供应商'
const csv = (text: string, encoding: 'utf8' | 'gbk' = 'utf8') => ({
  format: 'csv' as const, base64: (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8')).toString('base64'),
})
const preview = (c: Core, source: unknown, mapping?: unknown) => unwrap(c.call('import.preview', { kind: 'opening', source, mapping }))
const post = (c: Core, source: unknown, id = 'imp-000001', mapping?: unknown) =>
  c.call('import.post', { kind: 'opening', source, mapping, id, siteId: 'S-A', docDate: '2026-06-01' })
const state = (c: Core) => JSON.stringify(['documents', 'stock_movements', 'stock_balances', 'lots', 'events'].map((t) => count(c, t)))
const bal = (c: Core, itemId: string, lotNo: string) =>
  (c.db.$client.prepare('SELECT coalesce(sum(b.quantity),0) AS q FROM stock_balances b JOIN lots l ON l.id = b.lot_id WHERE b.site_id = ? AND b.item_id = ? AND l.lot_no = ?').get('S-A', itemId, lotNo) as { q: number }).q

describe('values as people write them', () => {
  it('reads dates in every usual form and refuses impossible ones', () => {
    expect(['2025-03-01', '2025/3/1', '2025.3.1', '2025年3月1日', ' 2025年03月01日 ', '２０２５／３／１', '20250301', 45717, '45717'].map(parseDate))
      .toEqual(Array(9).fill('2025-03-01'))
    expect(parseDate('2025-02-30')).toBeNull()
    expect(parseDate('2025年13月1日')).toBeNull()
    expect(parseDate('下月')).toBeNull()
    expect(parseDate('')).toBeUndefined()
    expect(parseDate(60)).toBe('1900-02-28') // Excel's phantom 1900-02-29 is serial 60; 59 is 02-28
  })

  it('reads whole positive quantities with full-width digits, thousands separators and spaces; refuses the rest', () => {
    expect(['12', '１２', ' 12 ', '1,200', 12].map(parseQuantity)).toEqual([12, 12, 12, 1200, 12])
    expect(['-5', '3.5', '十', '', '0', 'abc', -5].map(parseQuantity)).toEqual(Array(7).fill(null))
  })

  it('detects UTF-8, GBK and UTF-16, and refuses binary', () => {
    expect(decodeText(new Uint8Array(Buffer.from('帐篷,顶')))).toEqual({ text: '帐篷,顶', encoding: 'utf-8' })
    expect(decodeText(new Uint8Array(iconv.encode('帐篷,顶', 'gbk')))).toEqual({ text: '帐篷,顶', encoding: 'gb18030' })
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from('帐篷', 'utf16le')]))).toMatchObject({ text: '帐篷', encoding: 'utf-16le' })
    expect(decodeText(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toEqual({ error: 'binary' })
  })

  it('parses quoted CSV with commas, quotes and newlines, and tab-separated text', () => {
    expect(parseDelimited('a,"b,c","say ""hi""",\r\n"x\ny",2\n')).toEqual([['a', 'b,c', 'say "hi"', ''], ['x\ny', '2']])
    expect(parseDelimited('编码\t数量\nSH-001\t3')).toEqual([['编码', '数量'], ['SH-001', '3']])
  })
})

describe('import: a corpus of bad files changes nothing and names the row and field', () => {
  const bad: Array<[string, () => { format: 'csv'; base64: string } | { format: 'rows'; rows: unknown[][] }, Array<{ row: number; field: string; code: string }>]> = [
    ['an empty file', () => csv(''), [{ row: 0, field: 'file', code: 'IMPORT_EMPTY' }]],
    ['a header only', () => csv(`${HEAD}\n`), [{ row: 0, field: 'file', code: 'IMPORT_NO_ROWS' }]],
    ['an xlsx renamed to .csv', () => ({ format: 'csv', base64: Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0]).toString('base64') }), [{ row: 0, field: 'file', code: 'IMPORT_NOT_TEXT' }]],
    ['a missing quantity column', () => csv('物资编码,批次号\nSH-001,T1\n'), [{ row: 1, field: 'quantity', code: 'IMPORT_MISSING_COLUMN' }]],
    ['no item column at all', () => csv('批次号,数量\nT1,3\n'), [{ row: 1, field: 'itemCode', code: 'IMPORT_MISSING_COLUMN' }]],
    ['bad dates', () => csv(`${HEAD}\nSP-001,饮用水,箱,W1,2025-02-30,2027-01-01,5,,\nSP-001,饮用水,箱,W2,2025-01-01,明年,5,,\n`), [
      { row: 2, field: 'productionDate', code: 'IMPORT_BAD_DATE' }, { row: 3, field: 'expiryDate', code: 'IMPORT_BAD_DATE' }]],
    ['negative and non-numeric quantities', () => csv(`${HEAD}\nSH-001,帐篷,顶,T1,,,-5,,\nSH-001,帐篷,顶,T2,,,十顶,,\nSH-001,帐篷,顶,T3,,,2.5,,\n`), [
      { row: 2, field: 'quantity', code: 'IMPORT_BAD_QUANTITY' }, { row: 3, field: 'quantity', code: 'IMPORT_BAD_QUANTITY' }, { row: 4, field: 'quantity', code: 'IMPORT_BAD_QUANTITY' }]],
    ['duplicate lines', () => csv(`${HEAD}\nSH-001,帐篷,顶,T1,,,5,,\nSP-001,饮用水,箱,W1,,2027-01-01,5,,\nSH-001,帐篷,顶,T1,,,5,,\n`), [{ row: 4, field: 'lotNo', code: 'IMPORT_DUPLICATE' }]],
    ['unknown items and wrong units', () => csv(`${HEAD}\nXX-999,神秘物资,个,L,,,5,,\nSH-001,帐篷,件,T1,,,5,,\nSH-001,棉被,顶,T2,,,5,,\n`), [
      { row: 2, field: 'itemCode', code: 'IMPORT_UNKNOWN_ITEM' }, { row: 3, field: 'unit', code: 'IMPORT_WRONG_UNIT' }, { row: 4, field: 'itemName', code: 'IMPORT_NAME_MISMATCH' }]],
    ['a lot-tracked item without lot and expiry before production', () => csv(`${HEAD}\nSP-001,饮用水,箱,,2026-01-01,2027-01-01,5,,\nSP-001,饮用水,箱,W9,2026-01-01,2025-01-01,5,,\n`), [
      { row: 2, field: 'lotNo', code: 'LOT_REQUIRED' }, { row: 3, field: 'expiryDate', code: 'EXPIRY_BEFORE_PRODUCTION' }]],
    // issue 20, item 6: a lot number made only of zero-width characters is missing; NUL, bidi and look-alikes are refused
    ['a zero-width lot number, NUL in a supplier, a bidi override in a note, a Cyrillic lot number', () => ({ format: 'rows', rows: [
      ['物资编码', '批次号', '数量', '供应商', '备注'],
      ['SP-001', '\u200b\u200b', 3, '', ''], ['SP-001', 'W1', 3, '某\u0000公司', ''], ['SP-001', 'W2', 3, '', '备注\u202e'], ['SP-001', 'W\u04213', 3, '', ''],
    ] }), [
      { row: 2, field: 'lotNo', code: 'LOT_REQUIRED' }, { row: 3, field: 'supplier', code: 'IMPORT_BAD_CHARACTER' },
      { row: 4, field: 'note', code: 'IMPORT_BAD_CHARACTER' }, { row: 5, field: 'lotNo', code: 'IMPORT_BAD_CHARACTER' }]],
    ['xlsx rows with a bad serial date', () => ({ format: 'rows', rows: [['物资编码', '批次号', '有效期至', '数量'], ['SP-001', 'W1', 999999, 3]] }), [{ row: 2, field: 'expiryDate', code: 'IMPORT_BAD_DATE' }]],
  ]

  for (const [name, source, expected] of bad) {
    it(name, () => {
      core = memoryCore()
      const before = state(core)
      const p = preview(core, source())
      const got = [...p.fileErrors, ...p.errors].map((e: { row: number; field: string; code: string }) => ({ row: e.row, field: e.field, code: e.code }))
      expect(got).toEqual(expected)
      expect(p.errorCount).toBe(expected.length)
      const r = post(core, source())
      expect(r).toMatchObject({ ok: false, error: { code: 'IMPORT_HAS_ERRORS', row: expected[0].row, field: expected[0].field } })
      expect(!r.ok && r.error.message).toContain(`${expected.length} 处错误`)
      expect(state(core)).toBe(before)
    })
  }

  it('a 50 000-row file with one bad row deep inside is refused whole, naming that row', () => {
    core = memoryCore()
    const rows = [HEAD]
    for (let i = 0; i < 50_000; i++) rows.push(`SP-001,饮用水,箱,B${i},2026-01-01,2027-12-31,${i === 41_234 ? '-1' : 1 + (i % 9)},30,某供应商`)
    const source = csv(rows.join('\r\n'))
    const before = state(core)
    const p = preview(core, source)
    expect(p.total).toBe(50_000)
    expect(p.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[41_236, 'quantity']])
    expect(post(core, source)).toMatchObject({ ok: false, error: { code: 'IMPORT_HAS_ERRORS', row: 41_236 } })
    expect(state(core)).toBe(before)
  })
})

describe('import: good files', () => {
  it('a GBK CSV from Chinese Excel, with full-width digits, Chinese dates and stray spaces, imports exactly', () => {
    core = memoryCore()
    const text = [HEAD,
      ' SH-001 ,帐篷,顶,T-2025-01,,,１２,1800,松江物资公司',
      'SP-001,饮用水,箱,W-0301,2025年3月1日,2027/3/1,"1,200",30,',
      'ZM-001,应急灯,台,,,,3,,',
    ].join('\r\n')
    const source = csv(text, 'gbk')
    const p = preview(core, source)
    expect(p.encoding).toBe('gb18030')
    expect(p.errorCount).toBe(0)
    const r = unwrap(post(core, source))
    expect(r.rows).toBe(3)
    expect(r.docNo).toMatch(/^RK/)
    expect(bal(core, 'SH-001', 'T-2025-01')).toBe(12)
    expect(bal(core, 'SP-001', 'W-0301')).toBe(1200)
    expect(core.db.$client.prepare("SELECT production_date AS p, expiry_date AS e FROM lots WHERE lot_no = 'W-0301'").get()).toEqual({ p: '2025-03-01', e: '2027-03-01' })
    expect(core.db.$client.prepare('SELECT subtype FROM documents WHERE id = ?').get('imp-000001')).toEqual({ subtype: '期初入库' })
  })

  it('maps columns whose headers differ from the template, and remembers the mapping for the next file', () => {
    core = memoryCore()
    const text = '货品代码,件数,批次编号,保质到\nSP-001,5,W1,2027-01-01\n'
    const first = preview(core, csv(text))
    expect(first.fileErrors.map((e: { field: string }) => e.field)).toEqual(['quantity', 'itemCode'])
    const mapping = { itemCode: 0, quantity: 1, lotNo: 2, expiryDate: 3 }
    expect(preview(core, csv(text), mapping).errorCount).toBe(0)
    unwrap(post(core, csv(text), 'imp-map-001', mapping))
    // The next file with the same headers needs no mapping.
    const again = preview(core, csv('货品代码,件数,批次编号,保质到\nSP-001,7,W2,2027-06-01\n'))
    expect(again.errorCount).toBe(0)
    expect(again.mapping).toMatchObject(mapping)
    expect(again.sample[0]).toMatchObject({ itemId: 'SP-001', quantity: 7, lotNo: 'W2', expiryDate: '2027-06-01' })
  })

  it('xlsx: an uploaded workbook read to rows (dates as cells) imports exactly', async () => {
    core = memoryCore()
    const bytes = await buildXlsx({ name: '期初', columns: [
      { header: '物资编码', key: 'code' }, { header: '批次号', key: 'lot' }, { header: '有效期至', key: 'exp' }, { header: '数量', key: 'qty', kind: 'number' },
    ], rows: [{ code: 'SP-001', lot: 'X1', exp: '2027年5月1日', qty: 4 }, { code: 'SH-001', lot: 'X2', exp: '', qty: 2 }] })
    const rows = await readXlsxRows(bytes)
    unwrap(post(core, { format: 'rows', rows }, 'imp-xlsx-01'))
    expect(bal(core, 'SP-001', 'X1')).toBe(4)
    expect(bal(core, 'SH-001', 'X2')).toBe(2)
  })

  it('xlsx: real date cells (as Excel stores them) become YYYY-MM-DD and import exactly', async () => {
    core = memoryCore()
    const Excel = await loadExcel()
    const wb = new Excel.Workbook()
    const ws = wb.addWorksheet('期初')
    ws.addRow(['物资编码', '批次号', '有效期至', '数量'])
    ws.addRow(['SP-001', 'D1', new Date(Date.UTC(2027, 4, 1)), 6])
    ws.getCell(2, 3).numFmt = 'yyyy/m/d'
    const rows = rowsForImport(await readXlsxRows(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer)))
    expect(rows).toEqual([['物资编码', '批次号', '有效期至', '数量'], ['SP-001', 'D1', '2027-05-01', 6]])
    unwrap(post(core, { format: 'rows', rows }, 'imp-xlsx-02'))
    expect(core.db.$client.prepare("SELECT expiry_date AS e FROM lots WHERE lot_no = 'D1'").get()).toEqual({ e: '2027-05-01' })
  })
})

describe('import preview: the rows the grid marks', () => {
  it('gives the file\'s own rows in its columns, every row with an error, and the template headers', () => {
    core = memoryCore()
    const lines = [HEAD]
    for (let i = 0; i < 300; i++) lines.push(`SP-001,饮用水,箱,P${i},2026-01-01,2027-12-31,${i === 250 ? '两箱' : 5},30,`)
    const p = preview(core, csv(lines.join('\n')))
    expect(p.headers.slice(0, 7)).toEqual(HEAD.split(',').slice(0, 7))
    expect(p.templateHeaders.slice(0, 7)).toEqual(['物资编码', '物资名称', '单位', '批次号', '生产日期', '有效期至', '数量'])
    // The first 200 rows, then the bad row 252 (file row = index + 2), and nothing else.
    expect(p.rows.length).toBe(201)
    const bad = p.rows.find((r: { fileRow: number }) => r.fileRow === 252)
    expect(bad.cells[3]).toBe('P250')
    expect(bad.cells[6]).toBe('两箱')
    expect(p.errors).toEqual([expect.objectContaining({ row: 252, field: 'quantity', message: expect.stringContaining('第 252 行') })])
  })
})

describe('a 储备点 column (issue 14 item 5)', () => {
  it('rows for another site or an unknown one are row errors: nothing is posted into the site chosen on the page', () => {
    core = memoryCore(['S-A', 'S-B'])
    const rows = [['储备点', '物资编码', '批次号', '有效期至', '数量'], ['T-0', 'SH-001', 'ST1', '2030-01-01', 2], ['测试储备库2', 'SH-001', 'ST2', '2030-01-01', 3], ['泗泾镇某库', 'SH-001', 'ST3', '2030-01-01', 4]]
    const source = { format: 'rows', rows }
    const p = unwrap(core.call('import.preview', { kind: 'opening', source, siteId: 'S-A' }))
    expect(p.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([[3, 'site', 'IMPORT_OTHER_SITE'], [4, 'site', 'IMPORT_UNKNOWN_SITE']])
    expect(p.errors[0].message).toBe('第 3 行 储备点：此行属于“测试储备库2”，不是页面所选的“测试储备库1”；请按储备点分别导入')
    const before = count(core, 'stock_movements')
    expect(core.call('import.post', { kind: 'opening', source, id: 'imp-site-0001', siteId: 'S-A', docDate: '2026-06-01' }))
      .toMatchObject({ ok: false, error: { code: 'IMPORT_HAS_ERRORS', row: 3, field: 'site' } })
    expect(count(core, 'stock_movements')).toBe(before)
    // the rows of the chosen site, by code or by name, post
    const mine = { format: 'rows', rows: [rows[0], rows[1], ['测试储备库1', 'SH-001', 'ST4', '2030-01-01', 1]] }
    expect(unwrap(core.call('import.post', { kind: 'opening', source: mine, id: 'imp-site-0002', siteId: 'S-A', docDate: '2026-06-01' })).rows).toBe(2)
  })
})
