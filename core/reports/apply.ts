/** How report events change report_submissions, local and received (./sync.ts registers them). */
import type { DbOrTx } from '../sync/events'
import { reportSubmissions } from '../../db/schema'
import { and, eq, gt, isNull, or } from 'drizzle-orm'
import type { ReportKind, ReportLevel, ReportSnapshot } from './kinds'

export interface SubmittedPayload {
  id: string; kind: ReportKind; subject: string; level: ReportLevel; regionCode: string; version: number; dueOn: string
  snapshot: ReportSnapshot; submittedAt: string; submittedBy: string; submittedByName: string
}
export interface DecidedPayload { id: string; status: 'approved' | 'returned'; reason: string | null; decidedAt: string; decidedByName: string }

/**
 * A submission is written once (a submission's id is new each time; receiving it again changes nothing). Two offices
 * submitting the same version of one street's report while apart is not expected (a street reports from its own
 * office): the second is refused by the unique index and stays unapplied, listed on the sync page.
 */
export function applyReportSubmitted(tx: DbOrTx, p: SubmittedPayload): void {
  tx.insert(reportSubmissions).values({
    id: p.id, kind: p.kind, subject: p.subject, level: p.level, regionCode: p.regionCode, version: p.version, dueOn: p.dueOn,
    snapshot: JSON.stringify(p.snapshot), submittedAt: p.submittedAt, submittedBy: p.submittedBy, submittedByName: p.submittedByName,
  }).onConflictDoNothing({ target: reportSubmissions.id }).run()
}

/**
 * A decision: the earliest decision (by HLC) wins wherever the events arrive in whatever order, so two reviewers
 * deciding while apart end with the same answer everywhere. A decision arriving before its submission throws (the
 * event is retried after the next exchange).
 */
export function applyReportDecided(tx: DbOrTx, p: DecidedPayload, hlc: string): void {
  const exists = tx.select({ id: reportSubmissions.id }).from(reportSubmissions).where(eq(reportSubmissions.id, p.id)).get()
  if (!exists) throw new Error(`report ${p.id} has not arrived yet`)
  tx.update(reportSubmissions)
    .set({ status: p.status, returnReason: p.reason, decidedAt: p.decidedAt, decidedByName: p.decidedByName, decisionHlc: hlc })
    .where(and(eq(reportSubmissions.id, p.id), or(isNull(reportSubmissions.decisionHlc), gt(reportSubmissions.decisionHlc, hlc)))).run()
}
