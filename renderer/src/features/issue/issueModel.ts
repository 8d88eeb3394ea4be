/** An issue being written: lines as chosen (automatic FEFO, one lot, or an accepted FEFO plan) and the api input. */
import type { MethodInput } from '../../../../core/api/contract'
import type { DocHeader } from '../../common/DocHeaderFields'
import type { PostError } from '../../common/postError'
import type { FefoPlan } from '../../common/types'
import type { NumberValue } from '../../common/numberText'

export type FefoPick = FefoPlan['picks'][number]

export interface IssueDraftLine {
  key: number
  itemId?: string
  /** a number, null when empty, the text as typed when it is not a valid number */
  quantity: NumberValue
  /** a lot chosen by hand; undefined = leave it to the server's first-expiry-first-out */
  lotId?: string
  /** the FEFO suggestion the keeper accepted: posted as one line per lot */
  accepted?: FefoPick[]
}

let nextKey = 1
export const emptyIssueLine = (): IssueDraftLine => ({ key: nextKey++, quantity: null })

type IssueInput = MethodInput<'stock.issue'>
type Msg = (k: 'doc.needSite' | 'doc.needLines' | 'doc.badQuantity', o?: { row: number }) => string

export function buildIssue(id: string, h: DocHeader, lines: IssueDraftLine[], t: Msg):
  { input: IssueInput; rowToLine: number[] } | { error: PostError } {
  if (!h.siteId) return { error: { message: t('doc.needSite'), field: 'siteId' } }
  const out: IssueInput['lines'] = []
  const rowToLine: number[] = []
  for (const [i, l] of lines.entries()) {
    if (!l.itemId && l.quantity == null) continue
    if (!l.itemId) return { error: { message: t('doc.needLines'), line: i, field: 'itemId' } }
    if (typeof l.quantity !== 'number' || !Number.isInteger(l.quantity) || l.quantity <= 0) {
      return { error: { message: t('doc.badQuantity', { row: i + 1 }), line: i, field: 'quantity' } }
    }
    if (l.accepted?.length) {
      for (const p of l.accepted) { out.push({ itemId: l.itemId, lotId: p.lotId, quantity: p.take }); rowToLine.push(i) }
    } else {
      out.push({ itemId: l.itemId, lotId: l.lotId, quantity: l.quantity })
      rowToLine.push(i)
    }
  }
  if (!out.length) return { error: { message: t('doc.needLines'), line: 0, field: 'itemId' } }
  return {
    input: {
      id, siteId: h.siteId, docDate: h.docDate, counterparty: h.counterparty.trim() || undefined,
      handledBy: h.handledBy.trim() || undefined, reason: h.reason.trim() || undefined, lines: out,
    },
    rowToLine,
  }
}
