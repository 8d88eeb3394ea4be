/**
 * What a clerk types into a number box, read the way they meant it: full-width digits (１２), pasted spaces and
 * invisible characters, thousands separators (1,200 / 1，200), a full-width point and the various minus signs.
 * A negative comes through as negative, so the form's rule refuses it with a message instead of clamping it silently.
 */
export function parseTyped(text: string | undefined): string {
  if (text == null) return ''
  return text.normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[−–—﹣]/g, '-')
    .replace(/[,，、]/g, '')
    .replace(/。/g, '.')
}
