/** The board's orders as Excel: the board's column headers, one row per order, state and overdue in words, counts as numbers (an empty cell reads back as null). */
import { describe, it, expect } from 'vitest'
import i18next from 'i18next'
import { buildXlsx, readXlsxRows } from '../../../core/common/xlsx'
import { ordersSheet } from '../../../renderer/src/features/dispatch/ordersExport'
import { requestsSheet } from '../../../renderer/src/features/dispatch/requestsExport'
import { zh as dispatchZh } from '../../../renderer/src/features/dispatch/i18n'
import type { OrderListRow } from '../../../core/dispatch/transfers'

const order = (o: Partial<OrderListRow>): OrderListRow => ({
  id: 'o1', orderNo: 'DB20261205-A-0001', state: 'approved', fromName: '松江区救灾物资储备库', toName: '秀南应急物资储备点',
  lines: 2, shipped: 0, received: 0, inTransit: 0, overdue: false, minutesSinceApproval: 5,
  ...o,
} as OrderListRow)

describe('board orders to xlsx', () => {
  it('writes the rows shown, with the filter named above the table, read back from the file', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({ lng: 'zh', resources: { zh: { translation: dispatchZh } } })
    const sheet = ordersSheet(i18n.t, '已发运', [
      order({ state: 'dispatched', shipped: 30, inTransit: 30, overdue: true }),
      order({ id: 'o2', orderNo: 'DB20261205-A-0002', state: 'dispatched', toName: '岳阳街道应急物资储备库', shipped: 5, inTransit: 5 }),
    ])
    const rows = await readXlsxRows(await buildXlsx(sheet))
    const header = rows.findIndex((r) => r.includes('调拨单号'))
    expect(header).toBeGreaterThan(0)
    expect(rows.slice(0, header).flat()).toContain('已发运')
    expect(rows[header]).toEqual(['调拨单号', '状态', '调出', '调入', '行数', '发运', '实收', '在途物资', '超时'])
    expect(rows.slice(header + 1)).toEqual([
      ['DB20261205-A-0001', '已发运', '松江区救灾物资储备库', '秀南应急物资储备点', 2, 30, 0, 30, '超时'],
      ['DB20261205-A-0002', '已发运', '松江区救灾物资储备库', '岳阳街道应急物资储备库', 2, 5, 0, 5, null],
    ])
  })
})

describe('incident requests to xlsx', () => {
  it('writes destination, urgency and status in words and the fill per item', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({ lng: 'zh', resources: { zh: { translation: dispatchZh } } })
    const rows = await readXlsxRows(await buildXlsx(requestsSheet(i18n.t, [{
      id: 'r1', requestNo: 'XQ20261205-A-0001', incidentId: 'i1', regionCode: '310117001001', regionName: '醉白池社区', destinationSiteId: null,
      destinationName: null, destinationAddress: '岳阳小学安置点', urgency: 'critical', contact: '李主任 13800000000', requester: '岳阳街道',
      status: 'partly', createdAt: '2026-12-05T01:00:00Z', note: null,
      lines: [{ itemName: '帐篷', unit: '顶', requested: 10, received: 4 }, { itemName: '饮用水', unit: '箱', requested: 20, received: 0 }],
    } as unknown as Parameters<typeof requestsSheet>[1][number]])))
    const header = rows.findIndex((r) => r.includes('申报编号'))
    expect(rows[header]).toEqual(['申报编号', '送达', '紧急程度', '联系人及电话', '申报单位', '申报/已送达', '状态'])
    expect(rows[header + 1]).toEqual(['XQ20261205-A-0001', '岳阳小学安置点', '特急', '李主任 13800000000', '岳阳街道', '帐篷 10/4顶；饮用水 20/0箱', '部分送达'])
  })
})
