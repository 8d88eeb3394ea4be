/** The annual plan as Excel: the usual layout with amounts as formulas and a total that sums them. */
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { fillPlanWorkbook } from '../../../renderer/src/features/catalogue/planWorkbook'

describe('annual plan to xlsx', () => {
  it('writes title, header, one row per line with quantity × price, and the total', async () => {
    const wb = new ExcelJS.Workbook()
    fillPlanWorkbook(wb, {
      title: '松江区2027年度应急物资需求和购置计划', sheetName: '购置计划', totalLabel: '合计',
      headers: ['序号', '层级', '物资编码', '物资名称', '单位', '标准数量', '有效库存', '协议储备', '年内轮换', '缺口', '计划购置', '单价（元）', '金额（元）', '备注'],
      rows: [
        { tier: '社区储备点', code: 'SH-001', name: '帐篷', unit: '顶', target: 4, stock: 3, agreement: 0, rotation: 0, gap: 2, quantity: 5, unitPrice: 1800, note: '含备用' },
        { tier: '街镇储备库', code: 'SH-003', name: '棉被', unit: '床', target: 65, stock: 20, agreement: 10, rotation: 10, gap: 35, quantity: 35, unitPrice: 150, note: null },
      ],
    })
    const back = new ExcelJS.Workbook()
    await back.xlsx.load(await wb.xlsx.writeBuffer())
    const ws = back.getWorksheet('购置计划')!
    expect(ws.getCell('A1').value).toBe('松江区2027年度应急物资需求和购置计划')
    expect(ws.getCell('M2').value).toBe('金额（元）')
    expect((ws.getRow(3).values as unknown[]).slice(1, 13)).toEqual([1, '社区储备点', 'SH-001', '帐篷', '顶', 4, 3, 0, 0, 2, 5, 1800])
    expect(ws.getCell('M3').value).toEqual({ formula: 'K3*L3', result: 9000 })
    expect(ws.getCell('N3').value).toBe('含备用')
    expect(ws.getCell('A5').value).toBe('合计')
    expect(ws.getCell('M5').value).toEqual({ formula: 'SUM(M3:M4)', result: 9000 + 5250 })
  })
})
