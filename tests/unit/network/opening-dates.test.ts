/** Dates nobody means (issue 20, item 7): a site's opening date lies in 2000-01-01 … today + 1 year. */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, count } from '../../helpers/core'
import type { Core } from '../../../core/app'

let core: Core
afterEach(() => core.close())

describe('opening dates', () => {
  it('a site opened on 9999-12-31 is refused, naming the field and the window', () => {
    core = memoryCore([])
    const r = core.call('network.openSite', { code: 'D-9999', name: '未来储备点', tier: 'street', regionCode: '310117001000', openedOn: '9999-12-31' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'openedOn', message: '启用日期：应在 2000-01-01 至 2027-06-01 之间' } })
    expect(count(core, 'sites')).toBe(0)
  })

})
