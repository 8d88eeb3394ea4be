import { describe, it, expect } from 'vitest'
import { parsePopulation } from '../../../renderer/src/features/catalogue/parsePopulation'

describe('populations pasted from Excel', () => {
  it('reads code and population from tab-separated columns, with a header, names between and thousands separators', () => {
    expect(parsePopulation('统计用区划代码\t名称\t人口\n310117001001\t龙潭社区居委会\t3,200\n310117001002\t醉白池社区居委会\t2800\n')).toEqual({
      ok: true, rows: [{ code: '310117001001', population: 3200 }, { code: '310117001002', population: 2800 }],
    })
  })
  it('reads full-width digits and commas, and an empty population clears it', () => {
    expect(parsePopulation('３１０１１７００１００１，１５００\n310117001002\t')).toEqual({
      ok: true, rows: [{ code: '310117001001', population: 1500 }, { code: '310117001002', population: null }],
    })
  })
  it('names the first line it cannot read', () => {
    expect(parsePopulation('310117001001\t3200\n31011700100\t12\n')).toEqual({ ok: false, row: 2, text: '31011700100\t12' })
    expect(parsePopulation('310117001001\t三千')).toEqual({ ok: false, row: 1, text: '310117001001\t三千' })
  })
})
