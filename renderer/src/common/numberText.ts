/**
 * Reading a number as a clerk types it. Full-width digits and signs (１２０, －５, １２．５), the minus sign U+2212, pasted
 * spaces and invisible characters are read for what they are; "1,200" is read as 1200 only when the commas group
 * thousands. Nothing is rounded or clamped: a value that breaks a rule stays as typed, with the problem named, and the
 * caller keeps the text (a string) so the form cannot post it.
 */

/** A number field's value in a form: a number when valid, null when empty, the text as typed when it is not valid. */
export type NumberValue = number | string | null

export interface NumberRules {
  integer?: boolean
  min?: number
  max?: number
  /** at most this many decimals (prices: 2) */
  decimals?: number
}

export type NumberProblem =
  | { key: 'notNumber' }
  | { key: 'notInteger' }
  | { key: 'belowMin'; min: number }
  | { key: 'aboveMax'; max: number }
  | { key: 'tooManyDecimals'; decimals: number }

// zero-width space/joiners, BOM, soft hyphen, word joiner, bidi marks
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD\u202A-\u202E]/g

/** The text with full-width forms folded (NFKC), minus signs made '-', spaces and invisible characters removed. */
export function normalizeNumberText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, '-')
    .replace(/[\u3002]/g, '.') // 。 typed for a decimal point on a Chinese keyboard
    .replace(/\s+/g, '')
}

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/

export function parseNumberText(raw: string, rules: NumberRules = {}): { value: number | null; problem?: undefined } | { value?: undefined; problem: NumberProblem } {
  const s = normalizeNumberText(raw)
  if (s === '') return { value: null }
  let body = s
  if (GROUPED.test(s)) body = s.replace(/,/g, '')
  else if (!PLAIN.test(s)) return { problem: { key: 'notNumber' } }
  const value = Number(body)
  if (!Number.isFinite(value)) return { problem: { key: 'notNumber' } }
  if (rules.integer && !Number.isInteger(value)) return { problem: { key: 'notInteger' } }
  const decimals = body.includes('.') ? body.split('.')[1].replace(/0+$/, '').length : 0
  if (rules.decimals != null && decimals > rules.decimals) return { problem: { key: 'tooManyDecimals', decimals: rules.decimals } }
  if (rules.min != null && value < rules.min) return { problem: { key: 'belowMin', min: rules.min } }
  if (rules.max != null && value > rules.max) return { problem: { key: 'aboveMax', max: rules.max } }
  return { value: Object.is(value, -0) ? 0 : value }
}

/** The form value for this text: the number, null when empty, the text itself when it is not a valid number. */
export function numberValueOf(raw: string, rules: NumberRules = {}): NumberValue {
  const r = parseNumberText(raw, rules)
  return r.problem ? raw : r.value
}

/** A valid number (not empty, not text kept because it was invalid). */
export const isNumber = (v: NumberValue | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** Text fields made of digits (phone numbers, codes): full-width digits and signs read as ASCII, invisible characters and edge spaces removed. */
export function normalizeDigitsText(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/[\u2212\u2012\u2013\u2014\uFE63]/g, '-').trim()
}

/** The 1-based row of the first line whose number was typed but is not valid (kept as text), or undefined. */
export function firstBadNumberRow<L>(lines: L[], value: (l: L) => NumberValue | undefined): number | undefined {
  const i = lines.findIndex((l) => typeof value(l) === 'string')
  return i < 0 ? undefined : i + 1
}
