/**
 * GB/T 38565-2020 class codes on the catalogue (issue 18): the structure is checked (1 + 2 + 2 + 2 digits, 大类 1–3,
 * 00 never a level), what a clerk pastes is read as meant (full-width digits, spaces, zero-width characters, dots
 * between levels), a planner imports the class table from Excel with every bad row named and nothing half-written,
 * the catalogue is browsed as a tree by class, every default item carries at least its 大类, and the annual plan
 * is summed by 大类. Classes travel between offices like the other catalogue records.
 */
import fs from 'node:fs'
import { describe, it, expect, afterEach } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { checkNationalCode, ancestry, parentOf, isCatchAll } from '../../../core/catalogue/national-code'
import { exchangeDirect } from '../../../core/sync/exchange'
import { loadExcel, readXlsxRows, rowsForImport } from '../../../core/common/xlsx'
import { unwrap, count, office } from '../../helpers/core'

let core: Core
afterEach(() => core?.close())
const fresh = () => (core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' }))
const call = (m: string, i: unknown, actor?: Actor) => unwrap(core.call(m, i, actor ? { actor } : undefined))
const rows = (r: unknown[][]) => ({ format: 'rows' as const, rows: r })
const keeper: Actor = { id: 'k', name: '库管员', roles: ['keeper'], scope: { kind: 'district' } }
const streetPlanner: Actor = { id: 'sp', name: '街道规划员', roles: ['planner'], scope: { kind: 'street', regionCode: '310117001000' } } as Actor
const TABLE = [
  ['分类代码', '类目名称'],
  ['101', '衣被鞋帽'],
  ['10101', '帐篷'],
  ['1010101', '单帐篷'],
  ['10199', '其他衣被鞋帽'],
  ['201', '生命救援'],
  ['20101', '水上救援'],
]

describe('the structure of a code', () => {
  it('takes 1, 3, 5 or 7 digits with the 大类 1–3 and each lower level 01–99', () => {
    for (const ok of ['1', '2', '3', '101', '10101', '1010101', '1999999', '3990199']) expect(checkNationalCode(ok)).toEqual({ ok: true, code: ok })
    expect(checkNationalCode('4')).toMatchObject({ ok: false, problem: { code: 'NATIONAL_CODE_TOP' } })
    expect(checkNationalCode('0101')).toMatchObject({ ok: false, problem: { code: 'NATIONAL_CODE_FORMAT' } })
    for (const bad of ['10', '1010', '101010', '10101010', 'A01', '-101', '1.5e3', '']) {
      expect(checkNationalCode(bad)).toMatchObject({ ok: false, problem: { code: 'NATIONAL_CODE_FORMAT' } })
    }
    // 00 is no class at any level: a zero-padded 1000000 is refused, not read as the 大类
    expect(checkNationalCode('1000000')).toMatchObject({ ok: false, problem: { code: 'NATIONAL_CODE_SEGMENT', params: { level: '中类', segment: '00' } } })
    expect(checkNationalCode('1010001')).toMatchObject({ ok: false, problem: { code: 'NATIONAL_CODE_SEGMENT', params: { level: '小类' } } })
  })

  it('reads full-width digits, spaces, invisible characters and level separators as a clerk meant them', () => {
    expect(checkNationalCode('１０１０１')).toEqual({ ok: true, code: '10101' })
    expect(checkNationalCode(' 1 01 01 ')).toEqual({ ok: true, code: '10101' })
    expect(checkNationalCode('\u200b101\ufeff')).toEqual({ ok: true, code: '101' })
    expect(checkNationalCode('1.01.01')).toEqual({ ok: true, code: '10101' })
    expect(checkNationalCode('1-01-01-01')).toEqual({ ok: true, code: '1010101' })
    expect(checkNationalCode('1０1')).toEqual({ ok: true, code: '101' })
  })

  it('knows a class\'s parent, ancestry and catch-all', () => {
    expect(parentOf('1010101')).toBe('10101')
    expect(parentOf('1')).toBeNull()
    expect(ancestry('1010101')).toEqual(['1', '101', '10101', '1010101'])
    expect(isCatchAll('10199')).toBe(true)
    expect(isCatchAll('10101')).toBe(false)
    expect(isCatchAll('1')).toBe(false)
  })
})

describe('the default catalogue', () => {
  it('gives every one of the 45 items a valid class, at least its 大类', () => {
    const items = JSON.parse(fs.readFileSync('resources/catalogue.json', 'utf8')) as Array<{ code: string; nationalCode: string | null }>
    expect(items).toHaveLength(45)
    for (const i of items) expect({ code: i.code, check: checkNationalCode(i.nationalCode) }).toMatchObject({ code: i.code, check: { ok: true } })
    fresh()
    const held = core.db.$client.prepare('SELECT count(*) AS n FROM items WHERE national_code IS NULL').get() as { n: number }
    expect(held.n).toBe(0)
    const tent = core.db.$client.prepare("SELECT national_code AS c FROM items WHERE code = 'SH-001'").get()
    expect(tent).toEqual({ c: '1' })
  })
})

describe('an item\'s code', () => {
  const tent = () => call('catalogue.items', {}).find((i: { code: string }) => i.code === 'SH-001')
  const save = (nationalCode: string | null) => core.call('catalogue.saveItem', { ...tent(), nationalCode })

  it('is refused naming the field when it is not a class code, and nothing changes', () => {
    fresh()
    const events = count(core, 'events')
    const r = save('1000000')
    expect(r).toMatchObject({ ok: false, error: { code: 'NATIONAL_CODE_SEGMENT', field: 'nationalCode' } })
    expect(!r.ok && r.error.message).toContain('中类')
    expect(save('A-01')).toMatchObject({ ok: false, error: { code: 'NATIONAL_CODE_FORMAT', field: 'nationalCode' } })
    expect(save('5')).toMatchObject({ ok: false, error: { code: 'NATIONAL_CODE_TOP', field: 'nationalCode' } })
    expect(count(core, 'events')).toBe(events)
    expect(tent().nationalCode).toBe('1')
  })

  it('is stored as digits when typed with full-width digits or separators; blank clears it', () => {
    fresh()
    expect(save('１.０１.０１').ok).toBe(true)
    expect(tent().nationalCode).toBe('10101')
    expect(save('  ').ok).toBe(true)
    expect(tent().nationalCode).toBeNull()
  })

  it('left as it was (free text from before codes were checked) does not block an unrelated edit', () => {
    fresh()
    core.db.$client.prepare("UPDATE items SET national_code = 'X9' WHERE code = 'SH-001'").run()
    expect(core.call('catalogue.saveItem', { ...tent(), name: '救灾帐篷' }).ok).toBe(true)
    expect(tent()).toMatchObject({ name: '救灾帐篷', nationalCode: 'X9' })
    // the tree lists it as an item whose code is not a class code
    expect(call('catalogue.codeTree', {}).invalid.map((i: { code: string }) => i.code)).toEqual(['SH-001'])
  })

  it('is checked row by row in a catalogue import', () => {
    fresh()
    const head = ['物资编码', '物资名称', '类别', '单位', '国家分类编码']
    const p = call('catalogue.importPreview', { source: rows([head, ['ZD-1', '床', '生活类', '张', '1０1'], ['ZD-2', '灯', '照明类', '台', '1000000']]) })
    expect(p.errorCount).toBe(1)
    expect(p.errors[0]).toMatchObject({ row: 3, field: 'nationalCode', code: 'NATIONAL_CODE_SEGMENT' })
    expect(p.errors[0].message).toMatch(/^第 3 行 国家分类编码：/)
    expect(core.call('catalogue.importPost', { source: rows([head, ['ZD-1', '床', '生活类', '张', '1０1']]) }).ok).toBe(true)
    expect(call('catalogue.allItems', {}).find((i: { code: string }) => i.code === 'ZD-1').nationalCode).toBe('101')
  })
})

describe('importing the class table', () => {
  it('imports a good xlsx (rows in any order) and shows the catalogue as a tree by class', async () => {
    fresh()
    const Excel = await loadExcel()
    const wb = new Excel.Workbook()
    const ws = wb.addWorksheet('代码表')
    // children before their parents, a code typed as a number, full-width digits
    for (const r of [TABLE[0], TABLE[3], TABLE[2], [101, '衣被鞋帽'], TABLE[4], ['２０１', '生命救援'], TABLE[6]]) ws.addRow(r)
    const source = { format: 'rows' as const, rows: rowsForImport(await readXlsxRows(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer))) }
    expect(call('catalogue.codeTablePreview', { source })).toMatchObject({ total: 6, errorCount: 0, ready: 6, added: 6 })
    expect(call('catalogue.codeTableImport', { source })).toEqual({ rows: 6, added: 6, renamed: 0 })
    const table = call('catalogue.codeTable', {})
    expect(table.map((c: { code: string }) => c.code)).toEqual(['1', '101', '10101', '1010101', '10199', '2', '201', '20101', '3'])
    expect(table.find((c: { code: string }) => c.code === '10199')).toMatchObject({ name: '其他衣被鞋帽', level: 2, parent: '101', catchAll: true })

    call('catalogue.saveItem', { ...call('catalogue.items', {}).find((i: { code: string }) => i.code === 'SH-001'), nationalCode: '1010101' })
    const tree = call('catalogue.codeTree', {})
    const [one, two, three] = tree.roots
    expect([one.code, one.name, two.code, three.code]).toEqual(['1', '基本生活保障物资', '2', '3'])
    expect(one.itemCount).toBe(15) // 10 生活类 + 5 食品饮水
    const c101 = one.children.find((n: { code: string }) => n.code === '101')
    expect(c101).toMatchObject({ name: '衣被鞋帽', itemCount: 1 })
    expect(c101.children[0].children[0]).toMatchObject({ code: '1010101', name: '单帐篷', items: [{ code: 'SH-001', name: '帐篷' }] })
    expect(one.items.map((i: { code: string }) => i.code)).not.toContain('SH-001')
    expect(one.itemCount + two.itemCount + three.itemCount).toBe(45)
    expect(tree.unclassified).toEqual([])
    // without `all`, a class that holds no item is not shown; with it, every imported class is
    expect(c101.children.map((n: { code: string }) => n.code)).toEqual(['10101'])
    const all = call('catalogue.codeTree', { all: true })
    expect(all.roots[0].children.find((n: { code: string }) => n.code === '101').children.map((n: { code: string }) => n.code)).toEqual(['10101', '10199'])
  })

  it('names every bad row and field and writes nothing when one row is wrong', () => {
    fresh()
    const events = count(core, 'events')
    const bad = rows([
      ['分类代码', '类目名称'],
      ['101', '衣被鞋帽'],
      ['10101', ''],
      ['1010', '四位'],
      ['101', '重复'],
      ['20501', '无上级'],
      ['4', '第四大类'],
      ['', '无代码'],
    ])
    const p = call('catalogue.codeTablePreview', { source: bad })
    expect(p.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code])).toEqual([
      [3, 'name', 'IMPORT_REQUIRED'],
      [4, 'code', 'NATIONAL_CODE_FORMAT'],
      [5, 'code', 'NATIONAL_CODE_DUPLICATE'],
      [6, 'code', 'NATIONAL_CODE_NO_PARENT'],
      [7, 'code', 'NATIONAL_CODE_TOP'],
      [8, 'code', 'IMPORT_REQUIRED'],
    ])
    expect(p.errors[3].message).toBe('第 6 行 分类代码：分类“20501”的上级分类 205 既不在已导入的分类表中，也不在本文件中')
    const r = core.call('catalogue.codeTableImport', { source: bad })
    expect(r).toMatchObject({ ok: false, error: { code: 'IMPORT_HAS_ERRORS', row: 3, field: 'name' } })
    expect(count(core, 'national_code_classes')).toBe(0)
    expect(count(core, 'events')).toBe(events)
    // in English too
    const en = core.call('catalogue.codeTablePreview', { source: bad }, { lang: 'en' })
    expect(en.ok && (en.data as { errors: Array<{ message: string }> }).errors[0].message).toBe('Row 3, class name: must not be empty')
  })

  it('a file without a code column is refused as a whole', () => {
    fresh()
    const p = call('catalogue.codeTablePreview', { source: rows([['编号', '类目名称'], ['101', '衣被']]) })
    expect(p.errors).toMatchObject([{ field: 'code', code: 'IMPORT_MISSING_COLUMN' }])
  })

  it('a second import renames changed classes, adds new ones and leaves the rest; a parent imported before is enough', () => {
    fresh()
    call('catalogue.codeTableImport', { source: rows(TABLE) })
    const events = count(core, 'events')
    const r = call('catalogue.codeTableImport', { source: rows([['代码', '名称'], ['101', '衣被鞋帽类'], ['10102', '棉被'], ['20101', '水上救援']]) })
    expect(r).toEqual({ rows: 3, added: 1, renamed: 1 })
    expect(count(core, 'events')).toBe(events + 1)
    expect(call('catalogue.codeTable', {}).find((c: { code: string }) => c.code === '101').name).toBe('衣被鞋帽类')
    // the same file again changes nothing and writes no event
    call('catalogue.codeTableImport', { source: rows([['代码', '名称'], ['101', '衣被鞋帽类']]) })
    expect(count(core, 'events')).toBe(events + 1)
  })

  it('is a district planner\'s job: a keeper or a street account may read the table but not import it', () => {
    fresh()
    expect(core.call('catalogue.codeTable', {}, { actor: keeper }).ok).toBe(true)
    expect(core.call('catalogue.codeTree', {}, { actor: keeper }).ok).toBe(true)
    expect(core.call('catalogue.codeTableImport', { source: rows(TABLE) }, { actor: keeper })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.call('catalogue.codeTableImport', { source: rows(TABLE) }, { actor: streetPlanner })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(count(core, 'national_code_classes')).toBe(0)
  })
})

describe('classes between offices', () => {
  it('travel to another office, a concurrent rename resolving the same way on both with the loser kept', () => {
    const a = office(), b = office()
    unwrap(a.call('catalogue.codeTableImport', { source: rows(TABLE) }))
    exchangeDirect(a.context(), b.context())
    expect(unwrap(b.call('catalogue.codeTable', {}))).toEqual(unwrap(a.call('catalogue.codeTable', {})))
    unwrap(a.call('catalogue.codeTableImport', { source: rows([['代码', '名称'], ['101', '衣被']]) }))
    unwrap(b.call('catalogue.codeTableImport', { source: rows([['代码', '名称'], ['101', '衣被鞋帽（修订）']]) }))
    exchangeDirect(a.context(), b.context())
    const name = (c: Core) => unwrap(c.call('catalogue.codeTable', {})).find((x: { code: string }) => x.code === '101').name
    expect(name(a)).toBe(name(b))
    const lost = a.db.$client.prepare("SELECT count(*) AS n FROM conflicts WHERE entity = 'national_code' AND entity_id = '101'").get() as { n: number }
    expect(lost.n).toBe(1)
  })
})

describe('the annual plan by class', () => {
  it('sums lines and budget per 大类, the unclassified apart', () => {
    fresh()
    call('network.openSite', { id: 'A', code: 'CJ-A', name: '龙潭储备点', tier: 'community', regionCode: '310117001001', openedOn: '2021-01-01' })
    for (const itemId of ['SH-001', 'JS-001', 'FX-001', 'GJ-001']) call('catalogue.saveTarget', { planYear: 2027, tier: 'community', itemId, mode: 'fixed', quantity: 2, required: true })
    const gj = call('catalogue.items', {}).find((i: { code: string }) => i.code === 'GJ-001')
    call('catalogue.saveItem', { ...gj, nationalCode: null })
    const plan = call('plan.annual', { planYear: 2027 })
    const line = (code: string) => plan.lines.find((l: { code: string }) => l.code === code)
    expect(line('SH-001')).toMatchObject({ nationalCode: '1', topClass: '1' })
    expect(line('GJ-001')).toMatchObject({ nationalCode: null, topClass: null })
    const budget = (codes: string[]) => codes.reduce((n, c) => n + line(c).budget, 0)
    expect(plan.classes).toEqual([
      { code: '1', name: '基本生活保障物资', lines: 1, quantity: 2, budget: budget(['SH-001']) },
      { code: '2', name: '应急装备及配套物资', lines: 1, quantity: 2, budget: budget(['JS-001']) },
      { code: '3', name: '工程材料与机械加工设备', lines: 1, quantity: 2, budget: budget(['FX-001']) },
      { code: null, name: null, lines: 1, quantity: 2, budget: budget(['GJ-001']) },
    ])
    expect(plan.classes.reduce((n: number, c: { budget: number }) => n + c.budget, 0)).toBeCloseTo(plan.total, 2)
  })
})
