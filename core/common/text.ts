/**
 * Text as people paste it: what the api door does to every string before a service sees it (core/api/spec.ts).
 * - Zero-width characters (U+200B–U+200D, U+2060, U+FEFF, the soft hyphen U+00AD) are removed: they are never
 *   meant, and a name made only of them must count as empty.
 * - Control characters (NUL and the other C0/C1 codes; tab, line feed and carriage return are allowed) and bidi
 *   controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) are refused: they make text display other than
 *   it is.
 * - Codes and user names are NFKC-normalised (full-width ＪＺ－００１ is JZ-001) and may hold only printable ASCII
 *   and CJK characters, so that two codes that look alike are the same code: a Cyrillic "а" in a code is refused.
 */
const ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/
/** Printable ASCII, the CJK ideographs (with extension A and the compatibility block) and the middle dot of names. */
const CODE_CHAR = /^[\u0020-\u007E\u00B7\u3007\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]$/u

export const stripZeroWidth = (s: string): string => s.replace(ZERO_WIDTH, '')

/** Free text: zero-width characters removed (the caller trims). */
export const cleanText = (s: string): string => stripZeroWidth(s).normalize('NFC')

/** A code or user name: NFKC (full-width → ASCII), zero-width removed, trimmed. */
export const normalizeCode = (s: string): string => stripZeroWidth(s.normalize('NFKC')).trim()

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** The first character a text may not hold, as `U+XXXX`, with why: control or bidi. */
export function forbiddenCharacter(s: string): { kind: 'control' | 'bidi'; char: string } | null {
  const control = CONTROL.exec(s)
  if (control) return { kind: 'control', char: codePoint(control[0]) }
  const bidi = BIDI.exec(s)
  if (bidi) return { kind: 'bidi', char: codePoint(bidi[0]) }
  return null
}

/** The first character a (normalised) code may not hold, e.g. a Cyrillic look-alike, as `U+XXXX "а"`. */
export function nonCodeCharacter(code: string): string | null {
  for (const c of code) if (!CODE_CHAR.test(c)) return `${codePoint(c)}「${c}」`
  return null
}

/** The escape character of every LIKE pattern made from typed text (`… LIKE ? ESCAPE '\'`). */
export const LIKE_ESCAPE = '\\'
/** Typed text as a LIKE pattern that matches it literally: `%`, `_` and the escape itself are escaped. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`)
/** `%text%`, literally. */
export const containsPattern = (s: string): string => `%${escapeLike(s)}%`
