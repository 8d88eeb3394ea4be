/** The shape of one api method in the contract, and the field schemas methods share. */
import { z } from 'zod'
import type { Role } from '../common/context'
import { isValidIsoDate } from '../common/dates'

/** What a method acts on, for scope checks: nothing in particular, a site named in the input, or a document's site. */
export type ScopeRule =
  | { kind: 'none' }
  | { kind: 'site'; siteId: (input: any) => string | undefined }
  | { kind: 'document'; documentId: (input: any) => string }

export interface MethodSpec<I extends z.ZodType = z.ZodType> {
  kind: 'query' | 'mutation'
  summary: string
  input: I
  /** roles allowed besides admin, who may do everything; empty = any signed-in user */
  roles: Role[]
  scope: ScopeRule
  /** callable without a session (login, first-run setup, the login page's status) */
  public?: boolean
  /** the handler writes its own audit entries outside any transaction (login: a failure must count even when refused) */
  selfAudited?: boolean
}

export const method = <I extends z.ZodType>(spec: MethodSpec<I>) => spec
export const none: ScopeRule = { kind: 'none' }

// Field schemas that read the way people type -------------------------------------------------------------------
export const isoDate = z.string().trim().refine(isValidIsoDate, { message: 'date' })
export const id = z.string().trim().min(1).max(100)
export const text = (max = 200) => z.string().trim().max(max)
export const quantity = z.number().int().positive().max(1e9)

export const documentHeader = {
  id: z.string().trim().min(8).max(64),
  siteId: id,
  docDate: isoDate,
  subtype: text(40).optional(),
  counterparty: text().optional(),
  reason: text(500).optional(),
  handledBy: text(60).optional(),
}

export const receiptLine = z.object({
  itemId: id,
  lotNo: text(60).optional(),
  productionDate: isoDate.optional(),
  expiryDate: isoDate.optional(),
  supplier: text().optional(),
  unitCost: z.number().nonnegative().max(1e9).optional(),
  quantity,
  note: text(500).optional(),
})

export const issueLine = z.object({ itemId: id, lotId: id.optional(), quantity, note: text(500).optional() })

