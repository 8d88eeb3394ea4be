/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and 21 capital letters (no I, O, Z, S, V); the last is a
 * check character computed from the first 17 with weights 3^i mod 31.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type CreditCodeProblem = 'length' | 'character' | 'checkDigit'

/** Normalises what people type (spaces, lower case, full-width characters) before checking. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '').toUpperCase()
}

export function checkCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i]
  const c = 31 - (sum % 31)
  return CHARSET[c === 31 ? 0 : c]
}

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length'
  for (const ch of code) if (!CHARSET.includes(ch)) return 'character'
  return checkCharacter(code.slice(0, 17)) === code[17] ? null : 'checkDigit'
}
