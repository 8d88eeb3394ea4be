/**
 * The one door into the core for both transports: validate the input against the contract, check the caller's
 * role and scope, run the handler, and turn any failure into a wire error in the caller's language.
 */
import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { contract, type MethodName, type MethodSpec } from './contract'
import { handlers } from './handlers'
import { AppError, isAppError, type Lang, type WireError } from '../common/errors'
import type { Actor, ServiceContext } from '../common/context'
import { documents, replicas, sites, stocktakes, transferOrders } from '../../db/schema'
import { regionInScope, siteInScope } from '../people/scope'
import { recordAudit } from '../people/audit'
import { isAnonymous } from '../common/context'
import { withToday } from '../common/dates'

export type ApiResult<T = unknown> = { ok: true; data: T } | { ok: false; error: WireError }

/** Chinese and English names of input fields, so a message names the field the way the form labels it. */
const FIELD_LABELS: Record<string, [string, string]> = {
  id: ['单据标识', 'document id'], siteId: ['储备点', 'site'], docDate: ['单据日期', 'document date'],
  itemId: ['物资', 'item'], lotNo: ['批次号', 'lot number'], lotId: ['批次', 'lot'], quantity: ['数量', 'quantity'],
  productionDate: ['生产日期', 'production date'], expiryDate: ['有效期至', 'expiry date'], supplier: ['供应商', 'supplier'],
  unitCost: ['单价', 'unit cost'], lines: ['明细', 'lines'], reason: ['事由', 'reason'], documentId: ['原单据', 'original document'],
  code: ['编码', 'code'], name: ['名称', 'name'], tier: ['层级', 'tier'], regionCode: ['所在区域', 'region'],
  ownership: ['权属', 'ownership'], serves: ['服务村居', 'served communities'], openedOn: ['启用日期', 'opening date'],
  closedOn: ['停用日期', 'closing date'], keeper: ['保管员', 'keeper'], phone: ['联系电话', 'phone'], capacity: ['容量', 'capacity'],
  address: ['地址', 'address'], asOf: ['统计日期', 'as of'], category: ['类别', 'category'], unit: ['单位', 'unit'],
  planYear: ['计划年度', 'plan year'], minimum: ['最低储备', 'minimum'], creditCode: ['统一社会信用代码', 'credit code'],
  partnerId: ['合作企业', 'partner'], agreementNo: ['协议编号', 'agreement number'], validFrom: ['生效日期', 'valid from'],
  validTo: ['截止日期', 'valid to'], vehicleType: ['车型', 'vehicle type'], vehicleCount: ['车辆数', 'vehicle count'],
  population: ['人口', 'population'], weight: ['计入比例', 'counting rule'],
  offset: ['起始行', 'offset'], limit: ['行数', 'limit'], sort: ['排序', 'sort'], expiry: ['效期筛选', 'expiry filter'],
  type: ['类型', 'type'], level: ['响应等级', 'level'], startedAt: ['开始时间', 'start'], endedAt: ['结束时间', 'end'],
  regionCodes: ['受灾区域', 'affected regions'], incidentId: ['灾情事件', 'incident'], fromSiteId: ['调出储备点', 'source site'],
  fromAgreementId: ['协议', 'agreement'], toSiteId: ['调入储备点', 'destination site'], toAddress: ['送达地址', 'address'],
  requested: ['申请数量', 'requested'], allocated: ['分配数量', 'allocated'], received: ['实收数量', 'received'],
  vehicle: ['车辆', 'vehicle'], driver: ['驾驶员', 'driver'], urgency: ['紧急程度', 'urgency'], lineNo: ['行号', 'line'],
  destinationSiteId: ['送达储备点', 'destination site'], action: ['操作', 'action'],
  counted: ['实盘数量', 'counted quantity'], stocktakeId: ['盘点', 'stocktake'],
  username: ['用户名', 'user name'], password: ['密码', 'password'], displayName: ['姓名', 'name'], roles: ['角色', 'roles'],
  scopeKind: ['范围类型', 'scope type'], scopeRef: ['管辖范围', 'scope'], current: ['当前密码', 'current password'],
  next: ['新密码', 'new password'], active: ['状态', 'status'], from: ['开始日期', 'from'],
  to: ['结束日期', 'to'], actor: ['用户', 'user'], outcome: ['结果', 'outcome'], search: ['搜索', 'search'],
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}

/** Turns the first zod issue into an AppError naming the row (1-based line number) and the field. */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  const path = issue.path.map(String)
  const lineIdx = path.findIndex((p, i) => i > 0 && /^\d+$/.test(p) && (path[i - 1] === 'lines' || path[i - 1] === 'rows'))
  const row = lineIdx >= 0 ? Number(path[lineIdx]) + 1 : undefined
  const field = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? ''
  const [zh, en] = FIELD_LABELS[field] ?? [field, field]
  const where = row !== undefined ? `第 ${row} 行 ${zh}` : zh
  const whereEn = row !== undefined ? `Line ${row}, ${en}` : en
  const { detail, detailEn } = describeIssue(issue)
  return new AppError('VALIDATION', { where, whereEn, detail, detailEn }, { field: field || undefined, row })
}

function describeIssue(issue: z.core.$ZodIssue): { detail: string; detailEn: string } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { detail: '必须填写', detailEn: 'is required' }
        : { detail: '格式不正确', detailEn: `must be a ${issue.expected}` }
    case 'too_small':
      if (issue.origin === 'array') return { detail: '至少需要一行', detailEn: 'needs at least one line' }
      if (issue.origin === 'string') return { detail: '必须填写', detailEn: 'is required' }
      return { detail: `必须大于${issue.inclusive ? '或等于' : ''} ${issue.minimum}`, detailEn: `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}` }
    case 'too_big':
      return { detail: `不能超过 ${issue.maximum}`, detailEn: `must be at most ${issue.maximum}` }
    case 'invalid_value':
      return { detail: `只能是 ${issue.values.join('、')}`, detailEn: `must be one of ${issue.values.join(', ')}` }
    case 'custom': {
      const char = String((issue as { params?: { char?: string } }).params?.char ?? '')
      switch (issue.message) {
        case 'date': return { detail: '不是有效日期（格式 YYYY-MM-DD）', detailEn: 'is not a valid date (YYYY-MM-DD)' }
        case 'window': {
          const w = (issue as { params?: { from?: string; to?: string } }).params ?? {}
          return { detail: `应在 ${w.from} 至 ${w.to} 之间`, detailEn: `must lie between ${w.from} and ${w.to}` }
        }
        case 'expired': {
          const p = (issue as { params?: { days?: number; docDate?: string } }).params ?? {}
          return {
            detail: `早于单据日期 ${p.docDate}，入库时已过期 ${p.days} 天；确需入库请确认（acceptExpired: true）`,
            detailEn: `is before the document date ${p.docDate}: the stock is ${p.days} days expired on receipt; to receive it anyway, confirm (acceptExpired: true)`,
          }
        }
        case 'control': return { detail: `含有控制字符 ${char}（如 NUL），请删除后重新输入`, detailEn: `contains the control character ${char} (such as NUL); remove it and retry` }
        case 'bidi': return {
          detail: `含有文字方向控制字符 ${char}，会让显示的内容与实际不符，请删除后重新输入`,
          detailEn: `contains the bidirectional control character ${char}, which makes the text display other than it is; remove it and retry`,
        }
        case 'code': return {
          detail: `含有字符 ${char}：编码和用户名只能用英文字母、数字、汉字和常用符号，不能用西里尔、希腊等形近字母`,
          detailEn: `contains the character ${char}: codes and user names may use only Latin letters, digits, Chinese characters and common symbols, no Cyrillic, Greek or other look-alike letters`,
        }
        default: return { detail: issue.message, detailEn: issue.message }
      }
    }
    case 'unrecognized_keys':
      return { detail: `有未知字段 ${issue.keys.join('、')}`, detailEn: `has unknown fields ${issue.keys.join(', ')}` }
    default:
      if (issue.code === 'invalid_format' && issue.message === 'no spaces') return { detail: '不能包含空格', detailEn: 'may not contain spaces' }
      if (issue.code === 'invalid_format' && issue.message === '应为 12 位统计用区划代码') return { detail: issue.message, detailEn: 'must be a 12-digit statistical region code' }
      if (issue.code === 'invalid_format' || issue.code === 'not_multiple_of') return { detail: '格式不正确', detailEn: 'has a wrong format' }
      return { detail: '格式不正确', detailEn: issue.message }
  }
}

/** Whether the actor holds a role the method names; admin may do everything. */
export function roleAllows(actor: Actor, spec: MethodSpec): boolean {
  return actor.roles.includes('admin') || spec.roles.length === 0 || spec.roles.some((r) => actor.roles.includes(r))
}

/** The site a call acts on, as its scope rule says (undefined: none in particular). */
export function targetSite(ctx: ServiceContext, spec: MethodSpec, input: unknown): string | undefined {
  const scope = spec.scope
  if (scope.kind === 'site') return scope.siteId(input) || undefined
  if (scope.kind === 'place') return scope.siteId?.(input) || undefined
  if (scope.kind === 'document') {
    return ctx.db.select({ siteId: documents.siteId }).from(documents).where(eq(documents.id, scope.documentId(input))).get()?.siteId
  }
  if (scope.kind === 'stocktake') {
    return ctx.db.select({ siteId: stocktakes.siteId }).from(stocktakes).where(eq(stocktakes.id, scope.stocktakeId(input))).get()?.siteId
  }
  if (scope.kind === 'transfer') {
    const order = transferEnds(ctx, scope.transferId(input))
    return order?.fromSiteId ?? order?.toSiteId ?? undefined
  }
  return undefined
}

const transferEnds = (ctx: ServiceContext, id: string) =>
  ctx.db.select({ fromSiteId: transferOrders.fromSiteId, toSiteId: transferOrders.toSiteId }).from(transferOrders).where(eq(transferOrders.id, id)).get()

const outOfScope = (field: string) =>
  new AppError('FORBIDDEN', { reason: '不在管辖范围内', reasonEn: 'out of scope' }, { field }, 403)
const districtOnly = (what: string, field?: string) =>
  new AppError('FORBIDDEN', { reason: `需要区级范围：${what}`, reasonEn: `district scope needed: ${what}` }, field ? { field } : {}, 403)

/** Whether the actor may call this method on this input; throws FORBIDDEN with the reason if not. */
export function authorize(ctx: ServiceContext, spec: MethodSpec, input: unknown): void {
  const actor = ctx.actor
  if (!roleAllows(actor, spec)) {
    throw new AppError('FORBIDDEN', { reason: '角色不符', reasonEn: 'role' }, {}, 403)
  }
  if (actor.roles.includes('admin')) return
  const scope = spec.scope
  const district = actor.scope.kind === 'district'
  if (scope.kind === 'district') {
    if (!district) throw districtOnly(scope.reason)
    return
  }
  if (scope.kind === 'transfer') {
    if (district) return
    const order = transferEnds(ctx, scope.transferId(input))
    const ends = [order?.fromSiteId, order?.toSiteId].filter((s): s is string => !!s)
    if (order && !ends.some((s) => siteInScope(ctx.db, actor, s))) throw outOfScope('id')
    return
  }
  const siteId = targetSite(ctx, spec, input)
  if (siteId && !siteInScope(ctx.db, actor, siteId)) {
    throw outOfScope(scope.kind === 'stocktake' ? 'stocktakeId' : scope.kind === 'place' ? 'id' : 'siteId')
  }
  if (scope.kind === 'place' && !district) {
    const regionCode = scope.regionCode?.(input)
    if (regionCode && !regionInScope(ctx.db, actor, regionCode)) throw outOfScope('regionCode')
    const tier = scope.tier?.(input)
    if (tier === 'district') throw districtOnly('区级储备点 / a district-tier site', 'tier')
    if (siteId) {
      const current = ctx.db.select({ tier: sites.tier }).from(sites).where(eq(sites.id, siteId)).get()
      if (current?.tier === 'district') throw districtOnly('区级储备点 / a district-tier site', 'id')
    }
    if (!siteId && !regionCode) throw outOfScope('regionCode')
  }
}

const HTTP_STATUS: Record<string, number> = {
  VALIDATION: 400, UNKNOWN_METHOD: 404, NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, LOGIN_FAILED: 401,
  PASSWORD_CHANGE_REQUIRED: 403, ACCOUNT_LOCKED: 429, RESTORING: 503, SYNC_RUNNING: 409,
}

export function statusFor(error: WireError): number {
  if (error.code === 'INTERNAL') return 500
  return HTTP_STATUS[error.code] ?? 409
}

/**
 * Order of checks: a session (before anything is parsed, so nobody learns the schema without one), the role,
 * then the input, then the scope on the parsed input. A mutation runs in one transaction with its audit entry;
 * a refusal or failure of a mutation, and every refusal of a query, is audited after the rollback.
 */
export function invoke(ctx: ServiceContext, name: string, rawInput: unknown): ApiResult {
  let spec: MethodSpec | undefined
  let parsedInput: unknown
  try {
    if (!isMethodName(name)) throw new AppError('UNKNOWN_METHOD', { method: name }, {}, 404)
    spec = contract[name] as MethodSpec
    if (!spec.public && isAnonymous(ctx.actor)) throw new AppError('UNAUTHENTICATED', {}, {}, 401)
    if (ctx.session?.mustChangePassword && !name.startsWith('auth.')) throw new AppError('PASSWORD_CHANGE_REQUIRED', {}, {}, 403)
    if (!roleAllows(ctx.actor, spec)) throw new AppError('FORBIDDEN', { reason: '角色不符', reasonEn: 'role' }, {}, 403)
    const schema = spec.input
    const parsed = withToday(ctx.today(), () => schema.safeParse(rawInput ?? {}, { reportInput: true }))
    if (!parsed.success) throw validationError(parsed.error)
    parsedInput = parsed.data
    authorize(ctx, spec, parsed.data)
    const handler = handlers[name] as (c: ServiceContext, i: unknown) => unknown
    if (spec.kind === 'query' || spec.selfAudited) return { ok: true, data: handler(ctx, parsed.data) }
    const s = spec
    const data = ctx.db.transaction(() => {
      const seqBefore = localSeq(ctx)
      const notes: NonNullable<ServiceContext['auditNotes']> = []
      const result = handler({ ...ctx, auditNotes: notes }, parsed.data)
      auditCall(ctx, name, s, parsed.data, 'ok', undefined, notes, seqBefore)
      return result
    })
    return { ok: true, data }
  } catch (e) {
    const wire = toWireError(e, ctx.lang)
    const refused = ['FORBIDDEN', 'UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED'].includes(wire.code)
    if (spec && !spec.selfAudited && (refused || (spec.kind === 'mutation' && wire.code !== 'VALIDATION'))) {
      try {
        const folded = wire.code === 'UNAUTHENTICATED' && isAnonymous(ctx.actor) ? foldAnonymousRefusal(ctx, name) : 0
        if (folded < 0) return { ok: false, error: wire }
        const note = folded > 0 ? `（另有 ${folded} 次相同的未登录调用已合并到本条 / ${folded} more identical signed-out calls folded into this entry）` : ''
        auditCall(ctx, name, spec, parsedInput ?? rawInput, refused ? 'refused' : 'failed', wire.message + note)
      } catch (auditError) {
        console.error('[api] could not write the audit entry', auditError)
      }
    }
    return { ok: false, error: wire }
  }
}

/**
 * Refused calls from signed-out visitors (a bot, a stale tab polling) must not flood the audit. The rule: per
 * installation and per method, one entry per ANONYMOUS_REFUSAL_WINDOW_MS; the refusals that follow within the
 * window are only counted, and the next entry written for that method says how many were folded into it.
 * Refusals of signed-in users are never folded.
 */
export const ANONYMOUS_REFUSAL_WINDOW_MS = 10 * 60_000
const anonymousRefusals = new WeakMap<object, Map<string, { since: number; folded: number }>>()

/** -1: fold this refusal (write nothing); otherwise write it, noting how many earlier ones were folded. */
function foldAnonymousRefusal(ctx: ServiceContext, method: string): number {
  const key = ctx.db.$client as object
  let byMethod = anonymousRefusals.get(key)
  if (!byMethod) anonymousRefusals.set(key, (byMethod = new Map()))
  const now = Date.now()
  const seen = byMethod.get(method)
  if (seen && now - seen.since < ANONYMOUS_REFUSAL_WINDOW_MS) {
    seen.folded++
    return -1
  }
  byMethod.set(method, { since: now, folded: 0 })
  return seen?.folded ?? 0
}

const localSeq = (ctx: ServiceContext) =>
  ctx.db.select({ seq: replicas.seenSeq }).from(replicas).where(eq(replicas.id, ctx.replicaId)).get()?.seq ?? 0

/** One audit entry for one api call: the actor, the method, the site and record it acted on, the events it appended. */
function auditCall(
  ctx: ServiceContext, name: string, spec: MethodSpec, input: unknown, outcome: 'ok' | 'refused' | 'failed',
  message?: string, notes: NonNullable<ServiceContext['auditNotes']> = [], seqBefore?: number,
): void {
  let siteId: string | undefined
  try { siteId = input && typeof input === 'object' ? targetSite(ctx, spec, input) : undefined } catch { siteId = undefined }
  const rec = input && typeof input === 'object' ? input as Record<string, unknown> : {}
  const entityId = typeof rec.id === 'string' ? rec.id : typeof rec.documentId === 'string' ? rec.documentId : undefined
  const seqAfter = seqBefore === undefined ? undefined : localSeq(ctx)
  const events = seqBefore !== undefined && seqAfter! > seqBefore
    ? `${ctx.replicaId}:${seqBefore + 1}${seqAfter! > seqBefore + 1 ? `..${seqAfter}` : ''}` : undefined
  const base = { replicaId: ctx.replicaId, actor: ctx.actor, action: name, outcome, eventId: events }
  if (notes.length === 0) {
    recordAudit(ctx.db, { ...base, entity: name.split('.')[0], entityId, siteId, detail: message ?? summarize(rec) })
  }
  for (const n of notes) recordAudit(ctx.db, { ...base, ...n, siteId: n.siteId ?? siteId, detail: message ?? summarize(rec) })
}

/** The input in a few words for the audit page: passwords never, long line lists as a count. */
function summarize(input: Record<string, unknown>): string {
  const shown = Object.entries(input).filter(([k]) => !/password|current|next/i.test(k)).map(([k, v]) =>
    Array.isArray(v) ? `${k}: ${v.length} 行` : `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
  return shown.join('; ').slice(0, 500)
}

export function toWireError(e: unknown, lang: Lang): WireError {
  if (isAppError(e)) return e.toWire(lang)
  // eslint-disable-next-line no-console
  console.error('[api] internal error', e)
  return new AppError('INTERNAL').toWire(lang)
}
