/**
 * Text boxes never cut what is typed or pasted. `limit(n)` replaces antd's `maxLength` (which silently drops whatever
 * goes past it): the box keeps all the text, turns red and says how much is over; in a form `lengthRule` refuses it
 * with the same words, and the api refuses what is still too long.
 */
import i18n from 'i18next'
import type { FormRule } from 'antd'

const over = (count: number, max: number) => i18n.t('num.tooLong', { n: count, max })

/** The `count` prop of an antd Input: no counter until the text is too long, then "n / max: too long". */
export function limit(max: number) {
  return {
    max,
    show: ({ count }: { count: number }) => (count > max ? <span className="field-message-inline" role="alert">{over(count, max)}</span> : null),
  }
}

/** A Form.Item rule refusing text longer than `max` characters (counted as the box counts them). */
export const lengthRule = (max: number): FormRule => ({
  validator: (_, v: unknown) => (typeof v === 'string' && [...v].length > max ? Promise.reject(new Error(over([...v].length, max))) : Promise.resolve()),
})

/** Full-width digits and signs folded as the field is typed (１３８ → 138), invisible characters dropped; for phone numbers and codes. */
export const foldWidth = (v: unknown) => (typeof v === 'string' ? v.normalize('NFKC').replace(/[\u200B-\u200F\u2060\uFEFF\u00AD]/g, '') : v)

/** A phone number: digits with the usual separators (- + ( ) space / 、 , 转), at least 3 digits. */
export const phoneRule = (): FormRule => ({
  validator: (_, v: unknown) => {
    if (typeof v !== 'string' || v.trim() === '') return Promise.resolve()
    const ok = /^[0-9+\-()\s/、,，转]+$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 3
    return ok ? Promise.resolve() : Promise.reject(new Error(i18n.t('num.badPhone')))
  },
})
