/**
 * 逐级上报: a street submits its reports to its district, the district to the city. What was submitted is frozen
 * (report_submissions.snapshot, guarded by triggers); the receiver approves or returns it with a reason; a corrected
 * resubmission is the next version. Who is who comes from the actor's scope: a street-scoped planner reports for
 * that street; a district-scoped planner reports for the district and reviews its streets' reports. The district's
 * own reports go to the city, which reviews them at the city hub (docs/architecture.md, the city tier).
 */
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { addDays } from '../common/dates'
import { newId } from '../common/ids'
import { appendEvent } from '../sync/events'
import { hlcOfEvent } from '../sync/lww'
import { currentDistrict } from '../network/divisions'
import { buildReport, ownerOfSite, resolveSubject, type Reporter } from './build'
import { KIND_NAMES, STREET_KINDS, nextMonthStart, type ReportKind, type ReportLevel, type ReportSnapshot } from './kinds'
import { applyReportDecided, applyReportSubmitted, type DecidedPayload, type SubmittedPayload } from './apply'

export interface SubmissionRow {
  id: string; kind: ReportKind; subject: string; subjectLabel: string; level: ReportLevel; regionCode: string; regionName: string
  version: number; dueOn: string; submittedAt: string; submittedByName: string; late: boolean
  status: 'submitted' | 'approved' | 'returned'; decidedAt: string | null; decidedByName: string | null; returnReason: string | null
}

const regionName = (ctx: ServiceContext, code: string) =>
  (ctx.db.$client.prepare('SELECT name FROM regions WHERE code = ?').get(code) as { name: string } | undefined)?.name ?? code

/** Who the actor reports as: a street planner for the street, a district planner (or administrator) for the district. */
export function reporterOf(ctx: ServiceContext): Reporter {
  const scope = ctx.actor.scope
  if (scope.kind === 'street') return { level: 'street', regionCode: scope.regionCode, regionName: regionName(ctx, scope.regionCode) }
  if (scope.kind === 'district') {
    const code = currentDistrict(ctx)
    if (code) return { level: 'district', regionCode: code, regionName: regionName(ctx, code) }
  }
  throw new AppError('FORBIDDEN', { reason: '仅街镇或区级计划员可报送报表', reasonEn: 'only a street or district planner submits reports' }, {}, 403)
}

const reviewsStreets = (ctx: ServiceContext) => ctx.actor.scope.kind === 'district' || ctx.actor.roles.includes('admin')

/** The report as it would be submitted now (the submitter checks it before sending). */
export function previewReport(ctx: ServiceContext, input: { kind: ReportKind; subject: string }): ReportSnapshot {
  const who = reporterOf(ctx)
  checkKindLevel(input.kind, who)
  return buildReport(ctx, input.kind, input.subject, who)
}

function checkKindLevel(kind: ReportKind, who: Reporter) {
  if (who.level === 'street' && !STREET_KINDS.includes(kind)) {
    throw new AppError('REPORT_KIND_LEVEL', { kind: KIND_NAMES[kind].zh, kindEn: KIND_NAMES[kind].en }, { field: 'kind' })
  }
}

const SELECT = `SELECT id, kind, subject, level, region_code AS regionCode, version, due_on AS dueOn, submitted_at AS submittedAt,
  submitted_by_name AS submittedByName, status, decided_at AS decidedAt, decided_by_name AS decidedByName, return_reason AS returnReason,
  json_extract(snapshot, '$.subjectLabel') AS subjectLabel, json_extract(snapshot, '$.regionName') AS regionName,
  json_extract(snapshot, '$.producedOn') AS producedOn FROM report_submissions`
type Stored = Omit<SubmissionRow, 'late'> & { producedOn?: string }
/** late: submitted (the installation's day of the submission) after the due date */
const toRow = ({ producedOn, ...r }: Stored): SubmissionRow => ({ ...r, late: (producedOn ?? r.submittedAt.slice(0, 10)) > r.dueOn })

function latestVersion(ctx: ServiceContext, kind: ReportKind, subject: string, region: string) {
  return ctx.db.$client.prepare(`${SELECT} WHERE kind = ? AND subject = ? AND region_code = ? ORDER BY version DESC LIMIT 1`).get(kind, subject, region) as Stored | undefined
}

/** Submits the report: its table is produced now from the synced data and frozen; one event. */
export function submitReport(ctx: ServiceContext, input: { kind: ReportKind; subject: string }): SubmissionRow {
  const who = reporterOf(ctx)
  checkKindLevel(input.kind, who)
  const name = KIND_NAMES[input.kind]
  const s = resolveSubject(ctx, input.kind, input.subject, who)
  if (ctx.today() < s.opensOn) {
    throw new AppError('REPORT_NOT_DUE_YET', { kind: name.zh, kindEn: name.en, subject: s.label, from: s.opensOn }, { field: 'subject' })
  }
  const last = latestVersion(ctx, input.kind, input.subject, who.regionCode)
  if (last?.status === 'submitted') throw new AppError('REPORT_PENDING', { kind: name.zh, kindEn: name.en, subject: s.label, version: last.version }, { field: 'subject' })
  if (last?.status === 'approved') throw new AppError('REPORT_APPROVED', { kind: name.zh, kindEn: name.en, subject: s.label, version: last.version }, { field: 'subject' })
  const snapshot = buildReport(ctx, input.kind, input.subject, who)
  const payload: SubmittedPayload = {
    id: newId(), kind: input.kind, subject: input.subject, level: who.level, regionCode: who.regionCode, version: (last?.version ?? 0) + 1,
    dueOn: s.dueOn, snapshot, submittedAt: new Date().toISOString(), submittedBy: ctx.actor.id, submittedByName: ctx.actor.name,
  }
  return ctx.db.transaction((tx) => {
    appendEvent(tx, ctx, { type: 'report.submitted', entityId: payload.id, payload })
    applyReportSubmitted(tx, payload)
    ctx.auditNotes?.push({ entity: 'report', entityId: payload.id, after: { kind: payload.kind, subject: payload.subject, version: payload.version } })
    return getSubmission(ctx, payload.id)
  })
}

function getSubmission(ctx: ServiceContext, id: string): SubmissionRow {
  const r = ctx.db.$client.prepare(`${SELECT} WHERE id = ?`).get(id) as Stored | undefined
  if (!r) throw new AppError('NOT_FOUND', { what: '报表', whatEn: 'Report', id }, { field: 'id' }, 404)
  return toRow(r)
}

/** Whether the actor may see a submission: its own level's, or (district) its streets'. */
function maySee(ctx: ServiceContext, r: Pick<SubmissionRow, 'level' | 'regionCode'>): boolean {
  if (reviewsStreets(ctx)) return true
  const scope = ctx.actor.scope
  return scope.kind === 'street' && r.level === 'street' && r.regionCode === scope.regionCode
}

const outOfScope = (region: string) => new AppError('FORBIDDEN', { reason: `${region} 不在管辖范围内`, reasonEn: `${region} is out of scope` }, { field: 'id' }, 403)

export function getReport(ctx: ServiceContext, id: string): SubmissionRow & { snapshot: ReportSnapshot } {
  const row = getSubmission(ctx, id)
  if (!maySee(ctx, row)) throw outOfScope(row.regionName)
  const { snapshot } = ctx.db.$client.prepare('SELECT snapshot FROM report_submissions WHERE id = ?').get(id) as { snapshot: string }
  return { ...row, snapshot: JSON.parse(snapshot) as ReportSnapshot }
}

export function listReports(ctx: ServiceContext, input: { kind?: ReportKind; status?: SubmissionRow['status'] }): SubmissionRow[] {
  const where: string[] = []
  const args: Record<string, string> = {}
  if (input.kind) { where.push('kind = @kind'); args.kind = input.kind }
  if (input.status) { where.push('status = @status'); args.status = input.status }
  const scope = ctx.actor.scope
  if (!reviewsStreets(ctx)) {
    if (scope.kind !== 'street') return []
    where.push("level = 'street' AND region_code = @region")
    args.region = scope.regionCode
  }
  const rows = ctx.db.$client.prepare(`${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY submitted_at DESC, version DESC`).all(args) as Stored[]
  return rows.map(toRow)
}

/** The receiver approves a submitted report, or returns it with a reason; one event. */
export function decideReport(ctx: ServiceContext, input: { id: string; decision: 'approve' | 'return'; reason?: string }): SubmissionRow {
  const row = getSubmission(ctx, input.id)
  if (row.level === 'district') {
    throw new AppError('REPORT_NOT_RECEIVER', { receiver: '市应急管理局（在市级枢纽审核）', receiverEn: 'the city, at the city hub' }, { field: 'id' }, 403)
  }
  if (!reviewsStreets(ctx)) throw new AppError('REPORT_NOT_RECEIVER', { receiver: '区级计划员', receiverEn: 'a district planner' }, { field: 'id' }, 403)
  if (row.status !== 'submitted') {
    throw new AppError('REPORT_DECIDED', { version: row.version, on: row.decidedAt?.slice(0, 10) ?? '', status: row.status === 'approved' ? '审核通过' : '退回', statusEn: row.status }, { field: 'id' })
  }
  const reason = input.reason?.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim() ?? ''
  if (input.decision === 'return' && !reason) throw new AppError('REPORT_RETURN_REASON', {}, { field: 'reason' })
  const payload: DecidedPayload = {
    id: row.id, status: input.decision === 'approve' ? 'approved' : 'returned', reason: input.decision === 'return' ? reason : null,
    decidedAt: new Date().toISOString(), decidedByName: ctx.actor.name,
  }
  return ctx.db.transaction((tx) => {
    const eventId = appendEvent(tx, ctx, { type: 'report.decided', entityId: row.id, payload })
    applyReportDecided(tx, payload, hlcOfEvent(tx, eventId))
    ctx.auditNotes?.push({ entity: 'report', entityId: row.id, before: { status: row.status }, after: { status: payload.status, reason: payload.reason } })
    return getSubmission(ctx, row.id)
  })
}

export interface ExpectedReport {
  kind: ReportKind; subject: string; subjectLabel: string; level: ReportLevel; regionCode: string; regionName: string
  dueOn: string; opensOn: string; overdue: boolean; daysOverdue: number
  /** the latest version's state: missing (never submitted), returned (to be corrected), submitted, approved */
  state: 'missing' | 'returned' | 'submitted' | 'approved'; version: number | null
}

const RECORD_WINDOW_DAYS = 120
const MONTHS_BACK = 12

/**
 * What each level owes and its state, for the actor's scope: the months and the year just ended (from the first
 * stock movement, at most 12 months back), the receipts and dispatches of the last 120 days, the district's ended
 * incidents. `onlyOpen` keeps those not yet submitted or returned.
 */
export function expectedReports(ctx: ServiceContext, input: { onlyOpen?: boolean }): ExpectedReport[] {
  const db = ctx.db.$client
  const today = ctx.today()
  const district = currentDistrict(ctx)
  const scope = ctx.actor.scope
  const wide = reviewsStreets(ctx)
  if (!wide && scope.kind !== 'street') return []
  const streets = (db.prepare("SELECT code, name FROM regions WHERE level = 'street' AND parent_code = ? ORDER BY code").all(district ?? '') as Array<{ code: string; name: string }>)
    .filter((s) => wide || (scope.kind === 'street' && s.code === scope.regionCode))
  const reporters: Reporter[] = [
    ...streets.map((s) => ({ level: 'street' as const, regionCode: s.code, regionName: s.name })),
    ...(wide && district ? [{ level: 'district' as const, regionCode: district, regionName: regionName(ctx, district) }] : []),
  ]
  const out: ExpectedReport[] = []
  const add = (who: Reporter, kind: ReportKind, subject: string) => {
    let s
    try { s = resolveSubject(ctx, kind, subject, who) } catch { return }
    if (today < s.opensOn) return
    const last = latestVersion(ctx, kind, subject, who.regionCode)
    const state = last?.status ?? 'missing'
    const open = state === 'missing' || state === 'returned'
    const overdue = open && today > s.dueOn
    out.push({ kind, subject, subjectLabel: s.label, level: who.level, regionCode: who.regionCode, regionName: who.regionName, dueOn: s.dueOn, opensOn: s.opensOn,
      overdue, daysOverdue: overdue ? Math.round((Date.parse(today) - Date.parse(s.dueOn)) / 86_400_000) : 0, state, version: last?.version ?? null })
  }
  const first = (db.prepare('SELECT min(moved_on) AS d FROM stock_movements').get() as { d: string | null }).d
  const months: string[] = []
  if (first) {
    let m = today.slice(0, 7)
    for (let i = 0; i < MONTHS_BACK; i++) {
      m = addDays(`${m}-01`, -1).slice(0, 7)
      if (nextMonthStart(m) <= first) break
      months.push(m)
    }
  }
  const lastYear = String(Number(today.slice(0, 4)) - 1)
  const since = addDays(today, -RECORD_WINDOW_DAYS)
  const receipts = db.prepare("SELECT id, site_id AS siteId FROM documents WHERE type = 'receipt' AND doc_date >= ? ORDER BY doc_date").all(since) as Array<{ id: string; siteId: string }>
  const orders = db.prepare("SELECT id, coalesce(from_site_id, to_site_id) AS siteId FROM transfer_orders WHERE dispatched_at >= ? AND state <> 'cancelled' ORDER BY dispatched_at").all(since) as Array<{ id: string; siteId: string | null }>
  const ownerCache = new Map<string, string | null>()
  const ownerStreet = (siteId: string) => {
    if (!ownerCache.has(siteId)) ownerCache.set(siteId, ownerOfSite(ctx, siteId)?.street ?? null)
    return ownerCache.get(siteId)!
  }
  for (const who of reporters) {
    for (const m of months) add(who, 'monthly_stock', m)
    if (first && first <= `${lastYear}-12-31`) add(who, 'annual', lastYear)
    const mine = (siteId: string | null) => !!siteId && (who.level === 'street' ? ownerStreet(siteId) === who.regionCode : ownerStreet(siteId) === null)
    for (const r of receipts) if (mine(r.siteId)) add(who, 'receipt', r.id)
    for (const o of orders) if (mine(o.siteId)) add(who, 'dispatch', o.id)
    if (who.level === 'district') {
      for (const inc of db.prepare('SELECT id FROM incidents WHERE ended_at IS NOT NULL AND ended_at >= ?').all(since) as Array<{ id: string }>) add(who, 'incident', inc.id)
    }
  }
  const shown = input.onlyOpen ? out.filter((e) => e.state === 'missing' || e.state === 'returned') : out
  return shown.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || a.regionCode.localeCompare(b.regionCode))
}
