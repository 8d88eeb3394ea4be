/**
 * Errors a person can cause. Each carries a code and parameters; the sentence is made in the user's language
 * at the edge (HTTP answer, IPC answer, UI), so the same error reads in Chinese or English.
 */
export type Lang = 'zh' | 'en'

type Params = Record<string, string | number | undefined | null>
type Template = (p: Params) => string

const messages: Record<string, { zh: Template; en: Template }> = {
  VALIDATION: {
    zh: (p) => `${p.where ? `${p.where}：` : ''}${p.detail ?? '输入不正确'}`,
    en: (p) => `${p.whereEn ? `${p.whereEn}: ` : ''}${p.detailEn ?? p.detail ?? 'invalid input'}`,
  },
  UNKNOWN_METHOD: { zh: (p) => `没有名为 ${p.method} 的接口`, en: (p) => `There is no api method ${p.method}` },
  NOT_FOUND: { zh: (p) => `找不到${p.what}：${p.id}`, en: (p) => `${p.whatEn ?? p.what} not found: ${p.id}` },
  FORBIDDEN: {
    zh: (p) => `无权执行此操作（${p.reason ?? '角色或范围不符'}）`,
    en: (p) => `Not allowed (${p.reasonEn ?? p.reason ?? 'role or scope'})`,
  },
  INSUFFICIENT_STOCK: {
    zh: (p) => `库存不足：${p.site} 的 ${p.item}${p.lot ? `（批次 ${p.lot}）` : ''} 现有 ${p.available} ${p.unit}，不能出库 ${p.requested} ${p.unit}`,
    en: (p) => `Not enough stock: ${p.site} holds ${p.available} ${p.unit} of ${p.item}${p.lot ? ` (lot ${p.lot})` : ''}, cannot issue ${p.requested}`,
  },
  LOT_MISMATCH: {
    zh: (p) => `批次 ${p.lot} 已登记的${p.fieldZh}为 ${p.existing}，与本次填写的 ${p.given} 不一致`,
    en: (p) => `Lot ${p.lot} is recorded with ${p.field} ${p.existing}, not ${p.given}`,
  },
  LOT_REQUIRED: {
    zh: (p) => `${p.item} 需要填写批次号`,
    en: (p) => `${p.item} needs a lot number`,
  },
  EXPIRY_BEFORE_PRODUCTION: {
    zh: () => '有效期不能早于生产日期',
    en: () => 'Expiry date cannot be before production date',
  },
  LOT_ITEM_MISMATCH: {
    zh: (p) => `批次 ${p.lot} 不属于物资 ${p.item}`,
    en: (p) => `Lot ${p.lot} does not belong to item ${p.item}`,
  },
  SITE_CLOSED: { zh: (p) => `储备点 ${p.site} 已停用，不能过账`, en: (p) => `Site ${p.site} is closed` },
  DOCUMENT_ID_REUSED: {
    zh: () => '该单据编号已用于另一张内容不同的单据',
    en: () => 'This document id was already used for a different document',
  },
  // Dispatch (灾情调度)
  INCIDENT_END_BEFORE_START: { zh: () => '结束时间不能早于开始时间', en: () => 'The end cannot be before the start' },
  TRANSITION_REFUSED: { zh: (p) => `${p.order}：${p.zh}`, en: (p) => `${p.order}: ${p.en}` },
  ORDER_SOURCE_REQUIRED: { zh: () => '请选择调出储备点或协议企业（只选一个）', en: () => 'Choose one source: a site or an agreement partner' },
  ORDER_DESTINATION_REQUIRED: { zh: () => '请选择调入储备点或填写送达地址', en: () => 'Choose a destination site or give an address' },
  ORDER_SAME_SITE: { zh: () => '调出和调入不能是同一个储备点', en: () => 'Source and destination cannot be the same site' },
  ALLOCATED_OVER_REQUESTED: {
    zh: (p) => `分配数量 ${p.allocated} 超过申请数量 ${p.requested}`, en: (p) => `Allocated ${p.allocated} is more than requested ${p.requested}`,
  },
  AGREEMENT_ITEM_MISSING: { zh: (p) => `协议 ${p.agreement} 不包含 ${p.item}`, en: (p) => `Agreement ${p.agreement} does not cover ${p.item}` },
  AGREEMENT_EXCEEDED: {
    zh: (p) => `协议 ${p.agreement} 的 ${p.item} 只剩 ${p.left} ${p.unit} 可调用，不能调用 ${p.requested} ${p.unit}`,
    en: (p) => `Agreement ${p.agreement} has only ${p.left} ${p.unit} of ${p.item} left to call up, not ${p.requested}`,
  },
  AGREEMENT_NOT_ACTIVE: {
    zh: (p) => `协议 ${p.agreement} 不在有效期内（${p.from} 至 ${p.to}）或未生效`, en: (p) => `Agreement ${p.agreement} is not in force (${p.from} to ${p.to})`,
  },
  ORDER_NOTHING_ALLOCATED: { zh: (p) => `调拨单 ${p.order} 没有已分配的物资`, en: (p) => `Order ${p.order} has nothing allocated` },
  RECEIVED_OVER_SHIPPED: { zh: (p) => `实收 ${p.received} 超过发运数量 ${p.shipped}`, en: (p) => `Received ${p.received} is more than shipped ${p.shipped}` },
  SHORTFALL_REASON_REQUIRED: {
    zh: (p) => `短缺 ${p.shortfall}，请选择原因（破损、丢失、少发）`, en: (p) => `Short by ${p.shortfall}: choose a reason (damaged, lost, short-shipped)`,
  },
  ITEM_NOT_RETURNABLE: { zh: (p) => `${p.item} 是消耗品，不能回收入库，请做核销`, en: (p) => `${p.item} is a consumable: write it off instead of returning it` },
  INTERNAL: { zh: () => '系统内部错误，请重试或联系管理员', en: () => 'Internal error; please retry or contact the administrator' },
}

export class AppError extends Error {
  constructor(
    readonly code: keyof typeof messages | string,
    readonly params: Params = {},
    readonly where: { field?: string; row?: number } = {},
    readonly status = 400,
  ) {
    super(renderMessage(code, params, 'en'))
    this.name = 'AppError'
  }

  toWire(lang: Lang): WireError {
    return {
      code: this.code,
      message: renderMessage(this.code, this.params, lang),
      ...(this.where.field !== undefined ? { field: this.where.field } : {}),
      ...(this.where.row !== undefined ? { row: this.where.row } : {}),
    }
  }
}

export interface WireError { code: string; message: string; field?: string; row?: number }

export function renderMessage(code: string, params: Params, lang: Lang): string {
  const m = messages[code] ?? messages.INTERNAL
  return m[lang](params)
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
