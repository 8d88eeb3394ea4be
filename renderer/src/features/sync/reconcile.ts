/**
 * 冲销重复单据: a transfer order received (or dispatched) at two offices while apart has two documents in the
 * ledger; the planner reverses the duplicate through `stock.reverse`, then the conflict is marked resolved with a
 * note naming the reversal. If the reversal is refused (e.g. the stock has since been issued and the site would go
 * below zero) the error propagates and nothing is resolved. A duplicate already reversed (say the resolve failed
 * after a reversal went through) is not reversed again: the conflict is resolved naming the existing reversal.
 * `call` is the api client (`api` on the page, an in-process core in tests).
 */
import type { MethodInput, MethodName } from '../../../../core/api/contract'
import type { MethodOutput } from '../../../../core/api/handlers'

export type ApiCall = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>

export const REVERSIBLE_KINDS = ['transfer_double_receipt', 'transfer_double_dispatch'] as const

export interface DuplicateRow {
  id: string
  kind: string
  duplicate: { documentId: string; docNo: string; reversedByDocNo: string | null } | null
}

export async function reverseDuplicate(call: ApiCall, row: DuplicateRow, opts: {
  /** the reversal's document id (a fresh one per attempt) */
  reversalId: string
  docDate: string
  reason: string
  /** the resolution note, naming the reversal's document number */
  note: (reversalDocNo: string) => string
}): Promise<{ reversalDocNo: string }> {
  if (!row.duplicate || !(REVERSIBLE_KINDS as readonly string[]).includes(row.kind)) throw new Error(`not a duplicate document: ${row.id}`)
  const reversalDocNo = row.duplicate.reversedByDocNo
    ?? (await call('stock.reverse', { id: opts.reversalId, documentId: row.duplicate.documentId, docDate: opts.docDate, reason: opts.reason })).docNo
  await call('sync.resolveConflict', { id: row.id, note: opts.note(reversalDocNo) })
  return { reversalDocNo }
}
