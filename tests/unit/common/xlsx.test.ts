/** Excel export: what is written reads back as the grid showed it. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import { buildXlsx, readXlsxRows } from '../../../core/common/xlsx'
import { stockCardRows, stockCardSheet, STOCK_CARD_COLUMNS } from '../../../core/stock/stockcard-sheet'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core?.close())

describe('xlsx export', () => {
  it('a stock card exported to xlsx reads back equal to the grid, with title, facts and closing balance', async () => {
    core = memoryCore()
    unwrap(core.call('stock.receive', { id: 'rk-x-000001', siteId: 'S-A', docDate: '2026-06-01', subtype: '捐赠入库', lines: [{ itemId: 'SP-001', lotNo: 'W1', expiryDate: '2027-01-01', quantity: 30 }] }))
    unwrap(core.call('stock.issue', { id: 'ck-x-000001', siteId: 'S-A', docDate: '2026-06-02', counterparty: '永丰街道', lines: [{ itemId: 'SP-001', quantity: 12 }] }))
    const card = unwrap(core.call('stock.card', { siteId: 'S-A', itemId: 'SP-001' }))
    const bytes = await buildXlsx(stockCardSheet(card))
    const rows = await readXlsxRows(bytes)
    expect(rows[0][0]).toBe('物资台账（饮用水）')
    expect(rows[1].slice(0, 2)).toEqual(['储备点', '测试储备库1'])
    const header = rows.findIndex((r) => r[0] === '日期')
    expect(rows[header]).toEqual(STOCK_CARD_COLUMNS.map((c) => c.header))
    const grid = stockCardRows(card).map((r) => STOCK_CARD_COLUMNS.map((c) => (r as Record<string, unknown>)[c.key] === '' ? null : (r as Record<string, unknown>)[c.key]))
    expect(rows.slice(header + 1, header + 1 + grid.length)).toEqual(grid)
    expect(grid[0][2]).toBe('捐赠入库')
    expect(grid[1].slice(5, 9)).toEqual([0, 12, 18, '永丰街道'])
    const footer = rows[header + 1 + grid.length]
    expect([footer[0], footer[7]]).toEqual(['本期结存', 18])
  })
})
