/** The 台账 as an auditor files it: title, site and item, one row per movement with running balance, closing balance. */
import type { XlsxSheet } from '../common/xlsx'

export interface StockCardData {
  site: { id: string; name: string }
  item: { code: string; name: string; unit: string; spec: string | null }
  rows: Array<{
    movedOn: string; documentId?: string; docNo: string; docType: string; subtype: string | null; lotNo: string; expiryDate: string | null
    inQty: number; outQty: number; balance: number; counterparty: string | null; reason: string | null; author: string
    handledBy: string | null; postedAt: string
  }>
  balance: number
}

export const DOC_TYPE_ZH: Record<string, string> = {
  receipt: '入库', issue: '出库', transfer_in: '调入', transfer_out: '调出', return: '回收入库',
  scrap: '报废', expire: '过期', stocktake: '盘点', reversal: '冲销',
}

export const STOCK_CARD_COLUMNS = [
  { key: 'movedOn', header: '日期', width: 12 },
  { key: 'docNo', header: '单据编号', width: 26 },
  { key: 'type', header: '业务类型', width: 10 },
  { key: 'lotNo', header: '批次', width: 16 },
  { key: 'expiryDate', header: '有效期至', width: 12 },
  { key: 'inQty', header: '收入', width: 10, kind: 'number' as const },
  { key: 'outQty', header: '发出', width: 10, kind: 'number' as const },
  { key: 'balance', header: '结存', width: 10, kind: 'number' as const },
  { key: 'counterparty', header: '对方单位', width: 20 },
  { key: 'reason', header: '摘要', width: 24 },
  { key: 'handledBy', header: '经办人', width: 10 },
  { key: 'author', header: '操作人', width: 10 },
  { key: 'postedAt', header: '记账时间', width: 20 },
]

export function stockCardRows(card: StockCardData) {
  return card.rows.map((r) => ({
    ...r, type: r.subtype && r.docType === 'receipt' ? r.subtype : DOC_TYPE_ZH[r.docType] ?? r.docType,
    lotNo: r.lotNo === '—' ? '' : r.lotNo, expiryDate: r.expiryDate ?? '', counterparty: r.counterparty ?? '', reason: r.reason ?? '',
    handledBy: r.handledBy ?? '', postedAt: r.postedAt.replace('T', ' ').slice(0, 19),
  }))
}

export function stockCardSheet(card: StockCardData): XlsxSheet {
  return {
    name: '台账',
    title: `物资台账（${card.item.name}）`,
    facts: [
      ['储备点', card.site.name],
      ['物资', `${card.item.code} ${card.item.name}${card.item.spec ? `（${card.item.spec}）` : ''}`],
      ['计量单位', card.item.unit],
    ],
    columns: STOCK_CARD_COLUMNS,
    rows: stockCardRows(card),
    footer: { movedOn: '本期结存', balance: card.balance },
  }
}
