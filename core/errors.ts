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
  SITE_CODE_TAKEN: { zh: (p) => `编码 ${p.code} 已被储备点「${p.site}」使用`, en: (p) => `Code ${p.code} is already used by site ${p.site}` },
  SITE_TIER_REGION: {
    zh: (p) => `${p.tier === 'district' ? '区级储备库应位于区' : p.tier === 'street' ? '街镇储备库应位于街镇' : '社区储备点应位于村居'}，「${p.region}」不符`,
    en: (p) => `A ${p.tier} site must stand in a ${p.tier === 'community' ? 'community' : p.tier} region, not in ${p.region}`,
  },
  SITE_SERVES_COMMUNITY: { zh: (p) => `服务范围只能是村居，${p.code} 不是村居`, en: (p) => `A site can only serve communities; ${p.code} is not one` },
  SITE_DATES: { zh: () => '停用日期不能早于启用日期', en: () => 'The closing date cannot be before the opening date' },
  SITE_ALREADY_CLOSED: { zh: (p) => `储备点 ${p.site} 已经停用`, en: (p) => `Site ${p.site} is already closed` },
  SITE_NOT_CLOSED: { zh: (p) => `储备点 ${p.site} 正在启用中`, en: (p) => `Site ${p.site} is not closed` },
  ITEM_CODE_TAKEN: { zh: (p) => `物资编码 ${p.code} 已被「${p.item}」使用`, en: (p) => `Item code ${p.code} is already used by ${p.item}` },
  TARGET_SITE_TIER: { zh: () => '单点调整的储备点层级与标准的层级不一致', en: () => "The site's tier differs from the target's tier" },
  TARGET_MINIMUM: { zh: () => '最低储备量不能大于标准数量', en: () => 'The minimum cannot exceed the target quantity' },
  TARGET_DUPLICATE: { zh: () => '该年度、层级和物资已有同一范围的储备标准', en: () => 'There is already a target for this year, tier, item and scope' },
  TARGET_YEAR_EXISTS: { zh: (p) => `${p.year} 年度已有储备标准`, en: (p) => `Plan year ${p.year} already has targets` },
  CREDIT_CODE: {
    zh: (p) => `统一社会信用代码 ${p.code} 不正确：${p.problem === 'length' ? '应为 18 位' : p.problem === 'character' ? '含有不允许的字符（不使用 I、O、Z、S、V）' : '校验码不符'}`,
    en: (p) => `Credit code ${p.code} is invalid: ${p.problem === 'length' ? 'it must have 18 characters' : p.problem === 'character' ? 'it has a character that is not allowed (no I, O, Z, S, V)' : 'the check character does not match'}`,
  },
  CREDIT_CODE_TAKEN: { zh: (p) => `统一社会信用代码 ${p.code} 已登记为「${p.partner}」`, en: (p) => `Credit code ${p.code} is already registered for ${p.partner}` },
  AGREEMENT_DATES: { zh: () => '协议截止日期不能早于生效日期', en: () => 'The end date cannot be before the start date' },
  AGREEMENT_LINE: { zh: (p) => `${p.kind === 'transport' ? '运力' : '物资'}协议明细需填写${p.missing}`, en: (p) => `An agreement line needs a ${p.missingEn}` },
  DIVISIONS_MISSING: { zh: () => '安装包中缺少区划数据文件', en: () => 'The division data file is missing from the installation' },
  DISTRICT_UNKNOWN: { zh: (p) => `区划数据中没有代码为 ${p.code} 的区县`, en: (p) => `No district with code ${p.code} in the division data` },
  ATTACHMENT_NO_FOLDER: { zh: () => '此安装没有数据文件夹，不能保存附件', en: () => 'This installation has no data folder to keep attachments in' },
  ATTACHMENT_EMPTY: { zh: () => '附件是空文件', en: () => 'The attachment is empty' },
  ATTACHMENT_TOO_LARGE: { zh: (p) => `附件不能超过 ${p.mb} MB`, en: (p) => `An attachment may be at most ${p.mb} MB` },
  ATTACHMENT_MISSING: { zh: (p) => `附件「${p.name}」的文件不在数据文件夹中`, en: (p) => `The file of attachment ${p.name} is missing from the data folder` },
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
