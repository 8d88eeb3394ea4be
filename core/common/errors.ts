/**
 * Errors a person can cause. Each carries a code and parameters; the sentence is made in the user's language
 * at the edge (HTTP answer, IPC answer, UI), so the same error reads in Chinese or English. The errors every part
 * shares are here; each capability keeps its own in core/<capability>/errors.ts (and the sync engine in
 * core/sync/errors.ts), registered when its methods are loaded — so a newcomer finds a capability's error text
 * beside its code.
 */
export type Lang = 'zh' | 'en'

type Params = Record<string, string | number | undefined | null>
type Template = (p: Params) => string

export type ErrorTexts = Record<string, { zh: Template; en: Template }>

const messages: ErrorTexts = {
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
  IMPORT_NOT_TEXT: { zh: () => '文件不是文本格式的 CSV（可能是改了扩展名的 Excel 文件），请另存为 CSV 或直接上传 xlsx', en: () => 'The file is not CSV text (perhaps a renamed Excel file); save it as CSV or upload the xlsx' },
  IMPORT_EMPTY: { zh: () => '文件是空的', en: () => 'The file is empty' },
  IMPORT_NO_ROWS: { zh: () => '文件只有表头，没有数据行', en: () => 'The file has a header but no rows' },
  IMPORT_MISSING_COLUMN: { zh: (p) => `缺少“${p.field}”列，请在列对应中指定`, en: (p) => `Column "${p.field}" is missing; map it to one of the file's columns` },
  IMPORT_BAD_QUANTITY: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”不是正整数`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" is not a positive whole number` },
  IMPORT_BAD_MONEY: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”不是有效金额`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" is not an amount` },
  IMPORT_HAS_ERRORS: { zh: (p) => `文件还有 ${p.n} 处错误，未导入任何数据。第一处：${p.first}`, en: (p) => `The file still has ${p.n} errors; nothing was imported. First: ${p.first}` },
  UNAUTHENTICATED: { zh: () => '请先登录', en: () => 'Please log in first' },
  PASSWORD_CHANGE_REQUIRED: { zh: () => '管理员已重置您的密码，请先修改密码', en: () => 'An administrator reset your password: change it first' },
  PDF_SAVE_FAILED: { zh: (p) => `无法保存 PDF：${p.reason}`, en: (p) => `The PDF could not be saved: ${p.reasonEn ?? p.reason}` },
  IMPORT_ITEM_CODE_AMBIGUOUS: { zh: (p) => `第 ${p.row} 行 ${p.field}：物资编码 ${p.value} 同时用于 ${p.count} 种物资（两处离线时使用了同一编码），无法确定是哪一种：请先在物资目录中修改其中一个的编码`, en: (p) => `Row ${p.row}, ${p.field}: item code ${p.value} is used by ${p.count} items (two offices chose it while apart), so the row is ambiguous: change one of them in the catalogue first` },
  HUB_LOG_BEHIND: { zh: (p) => `已保存在服务器本机，但未能写入 PostgreSQL 同步日志（${p.detail ?? ''}）；连接恢复后下一次操作或设备同步时自动补写，在此之前请勿删除服务器数据目录`, en: (p) => `Saved in the hub's own file, but it could not be written to the PostgreSQL sync log (${p.detail ?? ''}); it is copied at the next call or device sync once the log is reachable — do not remove the hub's data folder until then` },
  INTERNAL: { zh: () => '系统内部错误，请重试或联系管理员', en: () => 'Internal error; please retry or contact the administrator' },
  IMPORT_BAD_CHARACTER: {
    zh: (p) => `第 ${p.row} 行 ${p.field}：含有不允许的字符 ${p.value}（控制字符、文字方向字符，或批次号中的西里尔等形近字母）`,
    en: (p) => `Row ${p.row}, ${p.field}: contains the character ${p.value}, which is not allowed (a control or bidi character, or a look-alike letter in a lot number)`,
  },
}

/** "第 3 行 国家分类编码：" when the error is about a row of a file, else nothing. */
export function at(p: Params): string { return p.row !== undefined ? `第 ${p.row} 行 ${p.field ?? ''}：` : '' }
export function atEn(p: Params): string { return p.row !== undefined ? `Row ${p.row}, ${p.field ?? ''}: ` : '' }

/** Adds a capability's error texts; a code registered twice is a programming error. */
export function registerErrorTexts(texts: ErrorTexts): void {
  for (const [code, text] of Object.entries(texts)) {
    if (messages[code]) throw new Error(`error text for ${code} registered twice`)
    messages[code] = text
  }
}

export class AppError extends Error {
  constructor(
    readonly code: keyof typeof messages | string,
    readonly params: Params = {},
    readonly where: { field?: string; row?: number } = {},
    readonly status = 400,
  ) {
    super()
    this.name = 'AppError'
  }

  /** The English sentence (made when asked, so a capability's texts registered after the throw still apply). */
  override get message(): string { return renderMessage(this.code, this.params, 'en') }

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
