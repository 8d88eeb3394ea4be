/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that no time zone shifts a day. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Today in China Standard Time (the app's users are all in UTC+8), as YYYY-MM-DD. */
export function todayCst(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

export function isValidIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/**
 * The dates a person may mean, so that a slip (9999-12-31, 0202-05-01) is refused instead of stored. Documents,
 * opening and closing dates, incidents and the start of an agreement lie in 2000-01-01 … today + 1 year; an agreement
 * may end up to 2099-12-31. The api door sets "today" from the installation's clock while it checks an input
 * (`withToday`); elsewhere it is today in China Standard Time.
 */
export const EARLIEST_DATE = '2000-01-01'
export const LATEST_AGREEMENT_END = '2099-12-31'
let checkingToday: string | undefined

export function withToday<T>(today: string, f: () => T): T {
  const before = checkingToday
  checkingToday = today
  try { return f() } finally { checkingToday = before }
}

/** The window of a document date: [2000-01-01, today + 1 year]. */
export function documentDateWindow(today: string = checkingToday ?? todayCst()): { from: string; to: string } {
  const [y, m, d] = today.split('-')
  const nextYear = `${Number(y) + 1}-${m}-${m === '02' && d === '29' ? '28' : d}`
  return { from: EARLIEST_DATE, to: nextYear }
}
