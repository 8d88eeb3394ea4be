/** Dates as people type them (2027-1-5, 2027/01/05, 20270105) normalised to YYYY-MM-DD. */
import { isValidIsoDate } from '../../../core/common/dates'

export { addDays, isValidIsoDate } from '../../../core/common/dates'

export function normalizeDate(raw: string): string {
  const s = raw.trim()
  if (!s) return ''
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)
  if (!m) return s
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  return isValidIsoDate(iso) ? iso : s
}

export const isBlankOrDate = (s: string) => !s.trim() || isValidIsoDate(s.trim())
