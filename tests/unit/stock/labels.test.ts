import { describe, expect, it } from 'vitest'
import { labelCode, parseLabel, parseSiteLabel, siteLabelCode } from '../../../core/stock/labels'
import { readLabelTarget } from '../../../renderer/src/features/labels/useLabelTarget'

describe('label codes', () => {
  it('a lot label reads back as its item and lot, also with full-width bars and spaces', () => {
    expect(parseLabel(labelCode('SH-001', 'L2025-03'))).toEqual({ itemCode: 'SH-001', lotNo: 'L2025-03' })
    expect(parseLabel(' wz1｜SH-001｜L|7 ')).toEqual({ itemCode: 'SH-001', lotNo: 'L|7' })
    expect(parseLabel('SH-001')).toBeNull()
    expect(parseLabel('WZ1|SH-001|')).toBeNull()
  })
  it('a site label is not a lot label and reads back as its site code', () => {
    const code = siteLabelCode('JZ-001')
    expect(parseSiteLabel(code)).toEqual({ siteCode: 'JZ-001' })
    expect(parseLabel(code)).toBeNull()
    expect(parseSiteLabel(labelCode('SH-001', 'L1'))).toBeNull()
    expect(parseSiteLabel('WZ1S|')).toBeNull()
  })
  it('the label sheet address names the site and item, or the sites', () => {
    expect(readLabelTarget('#/labels?site=S-1&item=SH-001')).toEqual({ kind: 'lots', siteId: 'S-1', itemId: 'SH-001' })
    expect(readLabelTarget('#/labels?sites=all')).toEqual({ kind: 'sites', siteIds: 'all' })
    expect(readLabelTarget('#/labels?sites=A,B')).toEqual({ kind: 'sites', siteIds: ['A', 'B'] })
    expect(readLabelTarget('#/stock')).toBeUndefined()
  })
})

describe('a scan in a typed field', () => {
  it('finds the label at the end of what was typed, after anything typed by hand', async () => {
    const { labelAtEnd } = await import('../../../renderer/src/common/useLabelScan')
    expect(labelAtEnd('WZ1|SH-001|L1')).toEqual({ label: { itemCode: 'SH-001', lotNo: 'L1' }, start: 0 })
    expect(labelAtEnd('abcWZ1|SH-001|L1')).toEqual({ label: { itemCode: 'SH-001', lotNo: 'L1' }, start: 3 })
    expect(labelAtEnd('WZ1|A|B WZ1|SH-002|L2')?.label).toEqual({ itemCode: 'SH-002', lotNo: 'L2' })
    expect(labelAtEnd('SH-001')).toBeUndefined()
    expect(labelAtEnd('WZ1|SH-001')).toBeUndefined()
  })
})
