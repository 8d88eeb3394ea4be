import { describe, expect, it, vi } from 'vitest'
import type { Balance } from '../../../renderer/src/common/types'

const all: Balance[] = Array.from({ length: 12_345 }, (_, i) => ({
  siteId: `S-${i % 7}`, siteName: `储备点${i % 7}`, siteTier: 'community', itemId: 'SH-001', itemCode: 'SH-001', itemName: '帐篷',
  category: '救灾帐篷', unit: '顶', lotId: `L-${i}`, lotNo: `LOT${i}`, productionDate: i % 3 ? '2024-01-05' : null,
  expiryDate: i % 5 ? '2030-06-30' : null, daysToExpiry: i % 5 ? 1500 - i : null, quantity: i + 1,
}))
const calls: Array<{ offset: number; limit: number; siteId?: string }> = []
vi.mock('../../../renderer/src/api', () => ({
  api: async (method: string, input: { offset: number; limit: number; siteId?: string }) => {
    expect(method).toBe('stock.balances')
    calls.push(input)
    return { rows: all.slice(input.offset, input.offset + input.limit), total: all.length }
  },
}))

describe('stock grid export', () => {
  it('fetches every row matching the filters page by page, reporting progress, not only a loaded block', async () => {
    const { fetchAllBalances } = await import('../../../renderer/src/features/labels/fetchAll')
    const progress: number[] = []
    const rows = await fetchAllBalances({ siteId: 'S-1', expiry: 'all' }, (done) => progress.push(done))
    expect(rows).toEqual(all)
    expect(calls.map((c) => c.offset)).toEqual([0, 5000, 10000])
    expect(calls.every((c) => c.siteId === 'S-1')).toBe(true)
    expect(progress).toEqual([5000, 10000, 12345])
  })

  it('an exported xlsx read back equals the rows under the grid\'s columns', async () => {
    const { balanceSheet } = await import('../../../renderer/src/features/stock/stockExport')
    const { buildXlsx, readXlsxRows } = await import('../../../core/common/xlsx')
    const columns = [
      { key: 'siteName', header: '储备点' }, { key: 'itemName', header: '物资' }, { key: 'lotNo', header: '批次号' },
      { key: 'expiryDate', header: '有效期至' }, { key: 'quantity', header: '数量' },
    ]
    const rows = all.slice(0, 500)
    const back = await readXlsxRows(await buildXlsx(balanceSheet(columns, rows, [['储备点', '全部']])))
    const header = back.findIndex((r) => r[0] === '储备点' && r[1] === '物资')
    expect(back[header]).toEqual(columns.map((c) => c.header))
    expect(back.slice(header + 1)).toEqual(rows.map((r) => [r.siteName, r.itemName, r.lotNo, r.expiryDate, r.quantity]))
  })
})
