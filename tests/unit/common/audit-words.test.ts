import { describe, expect, it } from 'vitest'
import { contract } from '../../../core/api/contract'
import { wordsFrom } from '../../../renderer/src/features/audit/actionWords'

describe('the audit log says what was done in words (issue 14 item 12)', () => {
  it('names a method by its summary, in the chosen language, without the developer notes', () => {
    const zh = wordsFrom(contract, 'zh')
    const en = wordsFrom(contract, 'en')
    expect(zh('auth.login')).toBe('登录')
    expect(en('auth.login')).toBe('log in')
    expect(zh('no.such.method')).toBe('no.such.method')
  })
  it('every method has words: none is shown as its bare name', () => {
    const zh = wordsFrom(contract, 'zh')
    for (const name of Object.keys(contract)) {
      expect(zh(name), name).not.toBe(name)
      expect(zh(name), name).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
