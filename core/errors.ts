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
  UNAUTHENTICATED: { zh: () => '请先登录', en: () => 'Please log in first' },
  LOGIN_FAILED: { zh: () => '用户名或密码不正确', en: () => 'Wrong user name or password' },
  ACCOUNT_LOCKED: {
    zh: (p) => `密码错误次数过多，账户已锁定，请 ${p.minutes} 分钟后再试或请管理员重置密码`,
    en: (p) => `Too many wrong passwords: the account is locked; try again in ${p.minutes} minutes or ask an administrator to reset it`,
  },
  PASSWORD_SHORT: { zh: () => '密码至少需要 8 个字符', en: () => 'The password needs at least 8 characters' },
  PASSWORD_WEAK: { zh: () => '密码需同时包含字母和数字', en: () => 'The password needs both letters and digits' },
  PASSWORD_WRONG: { zh: () => '当前密码不正确', en: () => 'The current password is wrong' },
  PASSWORD_SAME: { zh: () => '新密码不能与当前密码相同', en: () => 'The new password must differ from the current one' },
  PASSWORD_CHANGE_REQUIRED: { zh: () => '管理员已重置您的密码，请先修改密码', en: () => 'An administrator reset your password: change it first' },
  USERNAME_TAKEN: { zh: (p) => `用户名 ${p.username} 已被使用`, en: (p) => `The user name ${p.username} is taken` },
  SCOPE_INVALID: { zh: (p) => `管辖范围不正确：找不到 ${p.ref || '（未填写）'}`, en: (p) => `Invalid scope: ${p.ref || '(empty)'} not found` },
  SETUP_DONE: { zh: () => '本系统已设置管理员，请直接登录', en: () => 'An administrator already exists: please log in' },
  LAST_ADMIN: { zh: () => '不能停用或撤销最后一位管理员', en: () => 'The last administrator cannot be removed or deactivated' },
  BACKUP_INVALID: { zh: (p) => `备份文件不可用：${p.reason}`, en: (p) => `The backup file cannot be used: ${p.reasonEn ?? p.reason}` },
  BACKUP_OTHER_DISTRICT: {
    zh: (p) => `备份文件属于另一个区（${p.other}），不能恢复到本系统（${p.own}）`,
    en: (p) => `The backup belongs to another district (${p.other}), not this one (${p.own})`,
  },
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
