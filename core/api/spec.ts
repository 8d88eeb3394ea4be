/** The shape of one api method in the contract, and the field schemas methods share. */
import { z } from 'zod'
import type { Role } from '../common/context'
import { documentDateWindow, EARLIEST_DATE, isValidIsoDate, LATEST_AGREEMENT_END } from '../common/dates'
import { cleanText, forbiddenCharacter, nonCodeCharacter, normalizeCode } from '../common/text'

/**
 * What a method acts on, for scope checks (core/api/invoke.ts `authorize`):
 * - `none`: nothing that lies in a scope; the reason says why (a method without one is a hole, and the
 *   authorization matrix prints and requires it);
 * - `site`: a site named in the input (undefined: none named; the handler then limits its rows to the scope);
 * - `document` / `stocktake`: the site of the document / stocktake the input names;
 * - `transfer`: a transfer order's source or destination site (a keeper moves on an order of its own site);
 * - `district`: something district-wide (the catalogue, targets, the counting rule, district partners): only a
 *   district-scope user (or admin) may call it;
 * - `place`: where a site is or is going to be: an existing site named by `siteId` must be in scope, a new
 *   `regionCode` must lie in the user's street, and a district-tier site needs district scope.
 */
export type ScopeRule =
  | { kind: 'none'; reason: string }
  | { kind: 'site'; siteId: (input: any) => string | undefined }
  | { kind: 'document'; documentId: (input: any) => string }
  | { kind: 'stocktake'; stocktakeId: (input: any) => string }
  | { kind: 'transfer'; transferId: (input: any) => string }
  | { kind: 'district'; reason: string }
  | { kind: 'place'; siteId?: (input: any) => string | undefined; regionCode?: (input: any) => string | undefined | null; tier?: (input: any) => string | undefined | null }

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
/** A method that acts on nothing inside a scope, with the reason why (required: the matrix test prints it). */
export const noScope = (reason: string): ScopeRule => {
  if (!reason.trim()) throw new Error('noScope needs a reason')
  return { kind: 'none', reason }
}
/** Something district-wide: only district-scope users (and admin). */
export const districtScope = (reason: string): ScopeRule => ({ kind: 'district', reason })

// Field schemas that read the way people type -------------------------------------------------------------------
// Every string passes the checks of core/common/text.ts: zero-width characters go, control and bidi characters are
// refused naming the field; codes and user names are NFKC-normalised and held to ASCII/CJK (see docs/security.md).

/** Refuses control and bidi characters, naming the first one (the message keys are read by invoke.ts). */
const noForbiddenCharacters = (s: string, ctx: z.RefinementCtx) => {
  const bad = forbiddenCharacter(s)
  if (bad) ctx.addIssue({ code: 'custom', message: bad.kind, params: { char: bad.char } })
}
const noLookAlikes = (s: string, ctx: z.RefinementCtx) => {
  const bad = nonCodeCharacter(s)
  if (bad) ctx.addIssue({ code: 'custom', message: 'code', params: { char: bad } })
}
/** Free text: zero-width characters removed, control/bidi refused, trimmed. */
const cleanString = () => z.string().superRefine(noForbiddenCharacters).overwrite(cleanText).trim()
/** A code (site, item, agreement, lot, region): NFKC, zero-width removed, ASCII/CJK only, trimmed. */
const codeString = () => z.string().superRefine(noForbiddenCharacters).overwrite(normalizeCode).superRefine(noLookAlikes)

export const isoDate = z.string().superRefine(noForbiddenCharacters).overwrite(normalizeCode).refine(isValidIsoDate, { message: 'date' })
/** A date a document, an opening, an incident or an agreement's start may bear: 2000-01-01 … today + 1 year. */
export const docDate = isoDate.superRefine((s, ctx) => {
  const w = documentDateWindow()
  if (isValidIsoDate(s) && (s < w.from || s > w.to)) ctx.addIssue({ code: 'custom', message: 'window', params: { from: w.from, to: w.to } })
})
/** The end of an agreement: 2000-01-01 … 2099-12-31. */
export const agreementEnd = isoDate.superRefine((s, ctx) => {
  if (isValidIsoDate(s) && (s < EARLIEST_DATE || s > LATEST_AGREEMENT_END)) {
    ctx.addIssue({ code: 'custom', message: 'window', params: { from: EARLIEST_DATE, to: LATEST_AGREEMENT_END } })
  }
})
export const id = cleanString().min(1).max(100)
export const text = (max = 200) => cleanString().max(max)
export const code = (max = 40) => codeString().max(max)
/** A user name: a code without spaces; compared on this normalised form (lower-cased by the people capability). */
export const username = codeString().min(2).max(40).regex(/^[^\s]+$/, 'no spaces')
/** A 12-digit statistical region code; full-width digits are read as digits. */
export const regionCode = codeString().regex(/^\d{12}$/, { message: '应为 12 位统计用区划代码' })
export const quantity = z.number().int().positive().max(1e9)

export const documentHeader = {
  id: z.string().trim().min(8).max(64),
  siteId: id,
  docDate,
  subtype: text(40).optional(),
  counterparty: text().optional(),
  reason: text(500).optional(),
  handledBy: text(60).optional(),
}

export const receiptLine = z.object({
  itemId: id,
  lotNo: code(60).optional(),
  productionDate: isoDate.optional(),
  expiryDate: isoDate.optional(),
  supplier: text().optional(),
  unitCost: z.number().nonnegative().max(1e9).optional(),
  quantity,
  note: text(500).optional(),
})

/**
 * A receipt whose lines may bring stock in already expired (expiry before the document date): refused unless the
 * caller says `acceptExpired: true` (the receipt page asks the keeper first). The message names the line and days.
 */
export const receiptDocument = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ ...shape, acceptExpired: z.boolean().default(false) }).superRefine((doc, ctx) => {
    const d = doc as unknown as { docDate?: string; acceptExpired: boolean; lines?: Array<{ expiryDate?: string; productionDate?: string }> }
    if (d.acceptExpired || !d.docDate) return
    d.lines?.forEach((l, i) => {
      // expiry before production is a typing mistake the ledger names itself (EXPIRY_BEFORE_PRODUCTION)
      if (l.productionDate && l.expiryDate && l.expiryDate < l.productionDate) return
      if (l.expiryDate && isValidIsoDate(l.expiryDate) && l.expiryDate < d.docDate!) {
        const days = Math.round((Date.parse(d.docDate!) - Date.parse(l.expiryDate)) / 86_400_000)
        ctx.addIssue({ code: 'custom', message: 'expired', path: ['lines', i, 'expiryDate'], params: { days, docDate: d.docDate } })
      }
    })
  })

export const issueLine = z.object({ itemId: id, lotId: id.optional(), quantity, note: text(500).optional() })

