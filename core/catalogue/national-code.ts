/**
 * GB/T 38565-2020 应急物资分类及编码: four levels in seven digits (1 + 2 + 2 + 2) — 大类 1 基本生活保障物资,
 * 2 应急装备及配套物资, 3 工程材料与机械加工设备; 中类, 小类 and 细类 each 01–99, with 99 the catch-all (收容类目)
 * at each lower level. A class is written with its own digits: 1 (大类), 101 (中类), 10101 (小类), 1010101 (细类);
 * an item carries the class it belongs to at whatever depth is known, at least the 大类. We ship only the top
 * level; the bureau imports the rest of the table (code-table.ts). Pure: no database.
 */

export const TOP_CLASSES: ReadonlyArray<{ code: string; zh: string; en: string }> = [
  { code: '1', zh: '基本生活保障物资', en: 'Basic living supplies' },
  { code: '2', zh: '应急装备及配套物资', en: 'Emergency equipment and supporting supplies' },
  { code: '3', zh: '工程材料与机械加工设备', en: 'Engineering materials and machining equipment' },
]
export const CATCH_ALL = '99'
export const LEVEL_NAMES = [['大类', 'major class'], ['中类', 'class'], ['小类', 'subclass'], ['细类', 'detail class']] as const

/** Why a code is refused: the message key's params (errors.ts NATIONAL_CODE_*). */
export type NationalCodeProblem =
  | { code: 'NATIONAL_CODE_FORMAT'; params: { value: string } }
  | { code: 'NATIONAL_CODE_TOP'; params: { value: string } }
  | { code: 'NATIONAL_CODE_SEGMENT'; params: { value: string; level: string; levelEn: string; segment: string } }

/**
 * What a clerk typed or pasted, as a code: full-width digits read as digits; spaces, invisible characters (zero-width
 * spaces, BOMs, soft hyphens) and the dots or dashes people put between levels (1.01.01, 1-01-01) are dropped —
 * none of them can be part of a code. Anything else that is not a digit makes the code unreadable. '' = none.
 */
export function normaliseNationalCode(raw: string | null | undefined): string {
  if (raw == null) return ''
  return String(raw).normalize('NFKC').replace(/[\s\u200b-\u200f\u2060\ufeff\u00ad]/g, '').replace(/(?<=\d)[.\-·－‐–—](?=\d)/g, '')
}

/** Checks a class code's structure; returns the code as stored (digits only) or the problem. */
export function checkNationalCode(raw: string | null | undefined): { ok: true; code: string } | { ok: false; problem: NationalCodeProblem } {
  const value = normaliseNationalCode(raw)
  const shown = String(raw ?? '').trim()
  if (!/^\d+$/.test(value) || ![1, 3, 5, 7].includes(value.length)) return { ok: false, problem: { code: 'NATIONAL_CODE_FORMAT', params: { value: shown } } }
  if (!TOP_CLASSES.some((t) => t.code === value[0])) return { ok: false, problem: { code: 'NATIONAL_CODE_TOP', params: { value: shown } } }
  for (let level = 1; level * 2 + 1 <= value.length; level++) {
    const segment = value.slice(level * 2 - 1, level * 2 + 1)
    if (segment === '00') {
      return { ok: false, problem: { code: 'NATIONAL_CODE_SEGMENT', params: { value: shown, level: LEVEL_NAMES[level][0], levelEn: LEVEL_NAMES[level][1], segment } } }
    }
  }
  return { ok: true, code: value }
}

/** 0 = 大类 … 3 = 细类. */
export const levelOf = (code: string): number => (code.length - 1) / 2
/** The class one level up; null for a 大类. */
export const parentOf = (code: string): string | null => (code.length <= 1 ? null : code.slice(0, code.length - 2))
/** The 大类 first, the code itself last. */
export function ancestry(code: string): string[] {
  const out: string[] = []
  for (let n = 1; n <= code.length; n += 2) out.push(code.slice(0, n))
  return out
}
/** Whether a class is the catch-all (…99) at its level. */
export const isCatchAll = (code: string): boolean => code.length > 1 && code.endsWith(CATCH_ALL)
export const topClassOf = (code: string | null | undefined): string | null => {
  if (!code) return null
  const c = checkNationalCode(code)
  return c.ok ? c.code[0] : null
}
