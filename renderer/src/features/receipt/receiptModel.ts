/** A receipt being written: its lines as typed, and how they become the stock.receive input. */
import type { MethodInput } from '../../../../core/api/contract'
import { addDays, isBlankOrDate, isValidIsoDate, normalizeDate } from '../../common/dates'
import type { Item } from '../../common/types'
import type { DocHeader } from '../../common/DocHeaderFields'
import type { PostError } from '../../common/postError'
import type { NumberValue } from '../../common/numberText'

export interface ReceiptDraftLine {
  key: number
  itemId?: string
  lotNo: string
  productionDate: string
  expiryDate: string
  /** the expiry date was filled in from production date + shelf life, not typed */
  expirySuggested: boolean
  /** as the NumberInput gives it: a number, null when empty, the text when it is not a valid number */
  quantity: NumberValue
  unitCost: NumberValue
}

let nextKey = 1
export const emptyReceiptLine = (): ReceiptDraftLine => ({
  key: nextKey++, lotNo: '', productionDate: '', expiryDate: '', expirySuggested: false, quantity: null, unitCost: null,
})

const isBlank = (l: ReceiptDraftLine) => !l.itemId && l.quantity == null && !l.lotNo.trim()

/** Production date + shelf life, when the expiry is empty or was itself suggested. */
export function withSuggestedExpiry(l: ReceiptDraftLine, item: Item | undefined): ReceiptDraftLine {
  if (l.expiryDate && !l.expirySuggested) return l
  const prod = normalizeDate(l.productionDate)
  if (item?.shelfLifeDays && isValidIsoDate(prod)) {
    return { ...l, expiryDate: addDays(prod, item.shelfLifeDays), expirySuggested: true }
  }
  return l.expirySuggested ? { ...l, expiryDate: '', expirySuggested: false } : l
}

type ReceiveInput = MethodInput<'stock.receive'>

/** Checks what the form can check itself, then builds the api input; `rowToLine` maps posted rows back to form lines. */
export function buildReceipt(
  id: string, h: DocHeader, lines: ReceiptDraftLine[], t: (k: 'doc.needSite' | 'doc.needLines' | 'doc.badDate' | 'doc.badQuantity' | 'doc.badCost', o?: { row: number }) => string,
): { input: ReceiveInput; rowToLine: number[] } | { error: PostError } {
  if (!h.siteId) return { error: { message: t('doc.needSite'), field: 'siteId' } }
  const rowToLine: number[] = []
  const out: ReceiveInput['lines'] = []
  for (const [i, l] of lines.entries()) {
    if (isBlank(l)) continue
    const row = i + 1
    if (!l.itemId) return { error: { message: t('doc.needLines'), line: i, field: 'itemId' } }
    if (typeof l.quantity !== 'number' || !Number.isInteger(l.quantity) || l.quantity <= 0) {
      return { error: { message: t('doc.badQuantity', { row }), line: i, field: 'quantity' } }
    }
    if (typeof l.unitCost === 'string' || (typeof l.unitCost === 'number' && l.unitCost < 0)) {
      return { error: { message: t('doc.badCost', { row }), line: i, field: 'unitCost' } }
    }
    for (const f of ['productionDate', 'expiryDate'] as const) {
      if (!isBlankOrDate(l[f])) return { error: { message: t('doc.badDate', { row }), line: i, field: f } }
    }
    rowToLine.push(i)
    out.push({
      itemId: l.itemId,
      lotNo: l.lotNo.trim() || undefined,
      productionDate: l.productionDate.trim() || undefined,
      expiryDate: l.expiryDate.trim() || undefined,
      unitCost: typeof l.unitCost === 'number' ? l.unitCost : undefined,
      quantity: l.quantity,
    })
  }
  if (!out.length) return { error: { message: t('doc.needLines'), line: 0, field: 'itemId' } }
  return {
    input: {
      id, siteId: h.siteId, docDate: h.docDate, subtype: h.subtype, counterparty: h.counterparty.trim() || undefined,
      handledBy: h.handledBy.trim() || undefined, reason: h.reason.trim() || undefined, lines: out,
    },
    rowToLine,
  }
}

/** The lines (1-based rows) whose stock is already expired on the document date, and by how many days. */
export function expiredOnReceipt(input: ReceiveInput): Array<{ row: number; days: number }> {
  return input.lines.flatMap((l, i) => {
    const expiry = l.expiryDate ? normalizeDate(l.expiryDate) : ''
    if (!isValidIsoDate(expiry) || !isValidIsoDate(input.docDate) || expiry >= input.docDate) return []
    return [{ row: i + 1, days: Math.round((Date.parse(input.docDate) - Date.parse(expiry)) / 86_400_000) }]
  })
}
