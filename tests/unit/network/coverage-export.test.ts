/** The uncovered list as Excel: what a planner opens — a title, a header, one row per community, codes kept as text. */
import { describe, it, expect } from 'vitest'
import ExcelJS from 'exceljs'
import { createCore } from '../../../core/app'
import { unwrap } from '../../helpers/core'
import { fillUncoveredWorkbook } from '../../../renderer/src/features/coverage/uncoveredWorkbook'

describe('uncovered communities to xlsx', () => {
  it('lists every uncovered community of the coverage answer, readable back from the file', async () => {
    const core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
    unwrap(core.call('network.openSite', { code: 'CJ-1', name: '龙潭储备点', tier: 'community', regionCode: '310117001001', serves: ['310117001001'] }))
    const cov = unwrap(core.call('coverage.summary', {}))
    core.close()
    const wb = new ExcelJS.Workbook()
    fillUncoveredWorkbook(wb, {
      title: '松江区未覆盖村居清单（2026-06-01）', sheetName: '未覆盖村居',
      headers: ['区', '街镇', '村居', '统计用区划代码', '类型'], rows: cov.uncovered,
    })
    const back = new ExcelJS.Workbook()
    await back.xlsx.load(await wb.xlsx.writeBuffer())
    const ws = back.getWorksheet('未覆盖村居')!
    expect(ws.getCell('A1').value).toBe('松江区未覆盖村居清单（2026-06-01）')
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '区', '街镇', '村居', '统计用区划代码', '类型'])
    expect(ws.rowCount).toBe(2 + 382)
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([1, '松江区', '岳阳街道', '醉白池社区居委会', '310117001002', '居委会'])
    const codes = Array.from({ length: 382 }, (_, i) => ws.getRow(3 + i).getCell(5).value)
    expect(codes).not.toContain('310117001001')
    expect(codes.every((c) => typeof c === 'string' && /^\d{12}$/.test(c))).toBe(true)
  })
})
