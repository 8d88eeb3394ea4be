/**
 * The one door into the core for both transports: validate the input against the contract, check the caller's
 * role and scope, run the handler, and turn any failure into a wire error in the caller's language.
 */
import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { contract, type MethodName, type MethodSpec } from './contract'
import { handlers } from './handlers'
import { AppError, isAppError, type Lang, type WireError } from '../errors'
import type { Actor, ServiceContext } from '../context'
import { documents, regions, sites } from '../../db/schema'

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
    case 'custom':
      return issue.message === 'date'
        ? { detail: '不是有效日期（格式 YYYY-MM-DD）', detailEn: 'is not a valid date (YYYY-MM-DD)' }
        : { detail: issue.message, detailEn: issue.message }
    case 'unrecognized_keys':
      return { detail: `有未知字段 ${issue.keys.join('、')}`, detailEn: `has unknown fields ${issue.keys.join(', ')}` }
    default:
      if (issue.code === 'invalid_format' || issue.code === 'not_multiple_of') return { detail: '格式不正确', detailEn: 'has a wrong format' }
      return { detail: '格式不正确', detailEn: issue.message }
  }
}

/** Whether the actor may call this method on this input; throws FORBIDDEN with the reason if not. */
export function authorize(ctx: ServiceContext, spec: MethodSpec, input: unknown): void {
  const actor = ctx.actor
  if (actor.roles.includes('admin')) return
  if (spec.roles.length && !spec.roles.some((r) => actor.roles.includes(r))) {
    throw new AppError('FORBIDDEN', { reason: '角色不符', reasonEn: 'role' }, {}, 403)
  }
  const siteId = spec.scope.kind === 'site' ? spec.scope.siteId(input)
    : spec.scope.kind === 'document'
      ? ctx.db.select({ siteId: documents.siteId }).from(documents).where(eq(documents.id, spec.scope.documentId(input))).get()?.siteId
      : undefined
  if (siteId && !siteInScope(ctx, actor, siteId)) {
    throw new AppError('FORBIDDEN', { reason: '不在管辖范围内', reasonEn: 'out of scope' }, { field: 'siteId' }, 403)
  }
}

function siteInScope(ctx: ServiceContext, actor: Actor, siteId: string): boolean {
  const scope = actor.scope
  if (scope.kind === 'district') return true
  if (scope.kind === 'site') return scope.siteId === siteId
  const site = ctx.db.select({ regionCode: sites.regionCode }).from(sites).where(eq(sites.id, siteId)).get()
  if (!site) return true // the handler reports the unknown site
  if (site.regionCode === scope.regionCode) return true
  const region = ctx.db.select({ parent: regions.parentCode }).from(regions).where(eq(regions.code, site.regionCode)).get()
  return region?.parent === scope.regionCode
}

const HTTP_STATUS: Record<string, number> = { VALIDATION: 400, UNKNOWN_METHOD: 404, NOT_FOUND: 404, FORBIDDEN: 403 }

export function statusFor(error: WireError): number {
  if (error.code === 'INTERNAL') return 500
  return HTTP_STATUS[error.code] ?? 409
}

export function invoke(ctx: ServiceContext, name: string, rawInput: unknown): ApiResult {
  try {
    if (!isMethodName(name)) throw new AppError('UNKNOWN_METHOD', { method: name }, {}, 404)
    const spec = contract[name] as MethodSpec
    const parsed = spec.input.safeParse(rawInput ?? {}, { reportInput: true })
    if (!parsed.success) throw validationError(parsed.error)
    authorize(ctx, spec, parsed.data)
    const handler = handlers[name] as (c: ServiceContext, i: unknown) => unknown
    return { ok: true, data: handler(ctx, parsed.data) }
  } catch (e) {
    return { ok: false, error: toWireError(e, ctx.lang) }
  }
}

export function toWireError(e: unknown, lang: Lang): WireError {
  if (isAppError(e)) return e.toWire(lang)
  // eslint-disable-next-line no-console
  console.error('[api] internal error', e)
  return new AppError('INTERNAL').toWire(lang)
}
