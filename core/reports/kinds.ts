/**
 * 逐级上报: the report kinds, their subjects (a period or a record) and their deadlines. Pure (no database), so the
 * renderer shows the same deadlines the core enforces.
 *
 * Deadlines:
 * - 库存月报 (monthly_stock): the month YYYY-MM, submittable from the 1st of the next month, due on its 10th;
 * - 入库验收报告 (receipt): one receipt document, due within 5 working days of its date;
 * - 调拨报告 (dispatch): one transfer order once dispatched, due within 2 working days of the dispatch;
 * - 年度储备报告 (annual): the year YYYY, submittable from 1 January, due on 10 January of the next year;
 * - 灾情报告 (incident): one incident, district level only, due within 5 working days of its end.
 * Working days are Monday to Friday: the State Council's holiday calendar (调休) is not held by the app.
 */
import { addDays } from '../common/dates'

export const REPORT_KINDS = ['monthly_stock', 'receipt', 'dispatch', 'annual', 'incident'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
export type ReportLevel = 'street' | 'district'

export const KIND_NAMES: Record<ReportKind, { zh: string; en: string }> = {
  monthly_stock: { zh: '库存月报', en: 'Monthly stock report' },
  receipt: { zh: '入库验收报告', en: 'Receipt report' },
  dispatch: { zh: '调拨报告', en: 'Dispatch report' },
  annual: { zh: '年度储备报告', en: 'Annual storage report' },
  incident: { zh: '灾情报告', en: 'Incident report' },
}

/** Kinds a street submits too (the incident report is the district's). */
export const STREET_KINDS: ReportKind[] = ['monthly_stock', 'receipt', 'dispatch', 'annual']

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
export const YEAR = /^(19|20)\d{2}$/

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

/** The date `n` working days (Mon–Fri) after `date`. */
export function addWorkingDays(date: string, n: number): string {
  let d = date
  let left = n
  while (left > 0) {
    d = addDays(d, 1)
    const w = weekday(d)
    if (w !== 0 && w !== 6) left--
  }
  return d
}

export function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/** A period's first and last day. */
export function periodRange(kind: 'monthly_stock' | 'annual', subject: string): { from: string; to: string } {
  if (kind === 'annual') return { from: `${subject}-01-01`, to: `${subject}-12-31` }
  return { from: `${subject}-01`, to: addDays(nextMonthStart(subject), -1) }
}

/** When a period report may be submitted (the day after its period) and when it is due. */
export function periodDeadline(kind: 'monthly_stock' | 'annual', subject: string): { opensOn: string; dueOn: string } {
  if (kind === 'annual') return { opensOn: `${Number(subject) + 1}-01-01`, dueOn: `${Number(subject) + 1}-01-10` }
  const next = nextMonthStart(subject)
  return { opensOn: next, dueOn: `${next.slice(0, 8)}10` }
}

export const RECEIPT_WORKING_DAYS = 5
export const DISPATCH_WORKING_DAYS = 2
export const INCIDENT_WORKING_DAYS = 5

/** A report as submitted: one table in its filing layout, with the facts above it, in both languages. */
export interface ReportColumn { key: string; zh: string; en: string; kind?: 'text' | 'number' | 'date' }
export interface ReportSnapshot {
  kind: ReportKind
  subject: string
  /** a human name of the subject: the month, the year, the document or order number, the incident */
  subjectLabel: string
  level: ReportLevel
  regionCode: string
  regionName: string
  title: { zh: string; en: string }
  facts: Array<{ zh: string; en: string; value: string }>
  columns: ReportColumn[]
  rows: Array<Record<string, string | number | null>>
  footer?: Record<string, string | number | null>
  /** the date the figures were produced (the submission's day) */
  producedOn: string
}
