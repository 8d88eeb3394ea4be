/** Dates nobody means (issue 20, item 7): an agreement starts in 2000-01-01 … today + 1 year and may end up to 2099-12-31. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core.close())

describe('agreement terms', () => {
  it('an agreement may not start on 9999-12-31 but may end years ahead (up to 2099-12-31)', () => {
    core = memoryCore([])
    const partner = unwrap<{ id: string }>(core.call('agreements.savePartner', { name: '某物资公司' }))
    const agreement = (validFrom: string, validTo: string) => core.call('agreements.save', {
      partnerId: partner.id, agreementNo: `XY-${validFrom}-${validTo}`, kind: 'materials', validFrom, validTo, lines: [{ itemId: 'SH-001', quantity: 10 }],
    })
    expect(agreement('9999-12-31', '9999-12-31')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'validFrom' } })
    expect(agreement('2026-01-01', '9999-12-31')).toMatchObject({ ok: false, error: { field: 'validTo', message: '截止日期：应在 2000-01-01 至 2099-12-31 之间' } })
    expect(agreement('2026-01-01', '2035-12-31')).toMatchObject({ ok: true })
  })
})
