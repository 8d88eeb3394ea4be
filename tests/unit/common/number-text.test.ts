import { describe, expect, it } from 'vitest'
import { numberValueOf, parseNumberText } from '../../../renderer/src/common/numberText'
import { foldWidth } from '../../../renderer/src/common/textLimit'

describe('numbers as a clerk types them (issue 14 item 1)', () => {
  it('reads full-width digits, signs and decimal points as what they are', () => {
    expect(parseNumberText('１２０')).toEqual({ value: 120 })
    expect(parseNumberText('１２．５')).toEqual({ value: 12.5 })
    expect(parseNumberText('－５')).toEqual({ value: -5 })
    expect(parseNumberText('\u22125')).toEqual({ value: -5 })
    expect(parseNumberText(' 1\u200B20 ')).toEqual({ value: 120 })
    expect(parseNumberText('1,200')).toEqual({ value: 1200 })
  })
  it('never rounds or clamps: the rule that is broken is named', () => {
    expect(parseNumberText('12.5', { integer: true })).toEqual({ problem: { key: 'notInteger' } })
    expect(parseNumberText('0', { min: 1 })).toEqual({ problem: { key: 'belowMin', min: 1 } })
    expect(parseNumberText('−5', { min: 1 })).toEqual({ problem: { key: 'belowMin', min: 1 } })
    expect(parseNumberText('4000', { max: 3650 })).toEqual({ problem: { key: 'aboveMax', max: 3650 } })
    expect(parseNumberText('3.456', { decimals: 2 })).toEqual({ problem: { key: 'tooManyDecimals', decimals: 2 } })
    expect(parseNumberText('3.450', { decimals: 2 })).toEqual({ value: 3.45 })
  })
  it('text that is not a number is kept as typed, never emptied', () => {
    for (const s of ['12a', '1,20', '1e3', '--5', '1.2.3', 'abc']) expect(numberValueOf(s)).toBe(s)
    expect(numberValueOf('')).toBeNull()
    expect(numberValueOf('  ')).toBeNull()
  })
  it('phone numbers typed full-width are read as digits', () => {
    expect(foldWidth('０２１－５７８１２３４５')).toBe('021-57812345')
  })
})
