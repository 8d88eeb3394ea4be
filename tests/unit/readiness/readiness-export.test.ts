/** The simulation as Excel, read back from the file; and what a clerk types into the page's number boxes. */
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { simulate } from '../../../core/readiness/simulate'
import { fillReadinessWorkbook } from '../../../renderer/src/features/readiness/readinessWorkbook'
import { parseTyped } from '../../../renderer/src/features/readiness/numbers'

describe('simulation to xlsx', () => {
  it('one row per item with its in-time split by tier and the shortfall; one row per source', async () => {
    const r = simulate({
      params: { targetHours: 6, hours: { community: 0.5, street: 1, district: 2 }, roundTripHours: 2, horizonHours: 72 },
      sites: [{ id: 'D', code: 'QJ', name: '区库', tier: 'district', streetCode: null }],
      stock: new Map([['D', new Map([['quilt', 40]])]]),
      agreements: [{ id: 'a', name: '被服厂（XY-1）', partnerId: 'p', kind: 'materials', hours: 8, lines: new Map([['quilt', 30]]) }],
      vehicles: [], items: [{ id: 'quilt', name: '棉被', unit: '床', perPerson: 1, kgPerUnit: null }], population: new Map([['A', 100]]),
    })
    const wb = new ExcelJS.Workbook()
    fillReadinessWorkbook(wb, {
      title: '台风首批物资到达模拟（2026-06-01，时限 6 小时）', sheetName: '首批物资模拟', sourcesName: '来源',
      headers: { item: '物资', unit: '单位', need: '需求量', street: '本街镇', district: '区级', agreement: '协议', capacity: '产能', within: '时限内', later: '时限后', short: '缺口', firstBatch: '首批', onTime: '按时' },
      sourceHeaders: { item: '物资', street: '街镇', source: '来源', tier: '层级', take: '数量', hours: '小时', within: '时限内' },
      yes: '按时', no: '超时', tierNames: { street: '本街镇', district: '区级', agreement: '协议', capacity: '产能' }, streetNames: { A: '岳阳街道' }, items: r.items,
    })
    const back = new ExcelJS.Workbook()
    await back.xlsx.load(await wb.xlsx.writeBuffer())
    const ws = back.getWorksheet('首批物资模拟')!
    expect(ws.getCell('A1').value).toBe('台风首批物资到达模拟（2026-06-01，时限 6 小时）')
    // need 100: 40 from the depot in time, 30 from the agreement after 8 h, 30 short
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['棉被', '床', 100, 0, 40, 0, 0, 40, 30, 30, 2, '按时'])
    const src = back.getWorksheet('来源')!
    expect((src.getRow(2).values as unknown[]).slice(1)).toEqual(['棉被', '岳阳街道', '区库', '区级', 40, 2, 40])
    expect((src.getRow(3).values as unknown[]).slice(1)).toEqual(['棉被', '岳阳街道', '被服厂（XY-1）', '协议', 30, 8, 0])
  })
})

describe('number boxes', () => {
  it.each([
    ['１２', '12'], [' 1,200 ', '1200'], ['1，200', '1200'], ['3\u200b', '3'], ['−5', '-5'], ['2。5', '2.5'], ['', ''],
  ])('%j reads as %j', (typed, read) => expect(parseTyped(typed)).toBe(read))
})
