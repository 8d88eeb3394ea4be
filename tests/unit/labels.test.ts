import { describe, expect, it } from 'vitest'
import { labelCode, parseLabel, parseSiteLabel, siteLabelCode } from '../../core/labels'
import { readLabelTarget } from '../../renderer/src/features/labels/useLabelTarget'

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
