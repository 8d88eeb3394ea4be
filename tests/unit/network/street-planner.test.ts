/**
 * What a street planner may do (issue 20, item 2): edit its own street's street- and community-tier sites; a
 * district-tier site, another street's sites, the catalogue, targets, the counting rule and district partners need
 * district scope.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { createSite } from '../../../core/network/sites'

const YUEYANG = '310117001000'
const YONGFENG = '310117002000'
const plannerYueyang: Actor = { id: 'p-yy', name: '岳阳街道规划员', roles: ['planner'], scope: { kind: 'street', regionCode: YUEYANG } }
const as = { actor: plannerYueyang }
const outOfScope = { ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（不在管辖范围内）' } }
const districtOnly = { ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('需要区级范围') } }

let core: Core
let community: string
beforeEach(() => {
  core = memoryCore(['S-A']) // a street-tier site in 岳阳
  createSite(core.context(), { id: 'S-YF', code: 'T-YF', name: '永丰测试库', tier: 'street', regionCode: YONGFENG })
  createSite(core.context(), { id: 'S-DIST', code: 'T-D', name: '区级测试库', tier: 'district', regionCode: YUEYANG })
  community = core.db.$client.prepare('SELECT code FROM regions WHERE parent_code = ? ORDER BY code LIMIT 1').pluck().get(YUEYANG) as string
})
afterEach(() => core.close())

const site = (over: Record<string, unknown>) => ({ code: `N-${Math.random().toString(36).slice(2, 8)}`, name: '新储备点', tier: 'street', regionCode: YUEYANG, ...over })
const siteCount = () => core.db.$client.prepare('SELECT count(*) FROM sites').pluck().get() as number

describe('a street planner and the sites', () => {
  it('opens street- and community-tier sites in its own street', () => {
    expect(core.call('network.openSite', site({}), as)).toMatchObject({ ok: true })
    expect(core.call('network.openSite', site({ tier: 'community', regionCode: community }), as)).toMatchObject({ ok: true })
  })

  it('may not open a site in another street, at any tier, nor a district-tier site anywhere; nothing is written', () => {
    const before = siteCount()
    expect(core.call('network.openSite', site({ regionCode: YONGFENG }), as)).toMatchObject({ ...outOfScope, error: { ...outOfScope.error, field: 'regionCode' } })
    expect(core.call('network.openSite', site({ tier: 'community', regionCode: YONGFENG }), as)).toMatchObject(outOfScope)
    expect(core.call('network.openSite', site({ tier: 'district' }), as)).toMatchObject({ ...districtOnly, error: { ...districtOnly.error, field: 'tier' } })
    expect(siteCount()).toBe(before)
  })

  it('may not edit, move, promote or close a site it does not hold', () => {
    expect(core.call('network.updateSite', { id: 'S-YF', name: '改名' }, as)).toMatchObject(outOfScope)
    expect(core.call('network.updateSite', { id: 'S-A', regionCode: YONGFENG }, as)).toMatchObject(outOfScope)
    expect(core.call('network.updateSite', { id: 'S-A', tier: 'district' }, as)).toMatchObject(districtOnly)
    expect(core.call('network.updateSite', { id: 'S-DIST', name: '改名' }, as)).toMatchObject(districtOnly)
    expect(core.call('network.updateSite', { id: 'S-DIST', tier: 'street' }, as)).toMatchObject(districtOnly)
    expect(core.call('network.closeSite', { id: 'S-DIST', closedOn: '2026-06-01' }, as)).toMatchObject(districtOnly)
    expect(core.call('network.closeSite', { id: 'S-YF', closedOn: '2026-06-01' }, as)).toMatchObject(outOfScope)
    expect(core.call('network.updateSite', { id: 'S-A', name: '岳阳改名库' }, as)).toMatchObject({ ok: true })
  })
})

describe('district-wide things need district scope', () => {
  it('the catalogue, targets, the counting rule and partners are refused to a street planner, allowed to the district planner', () => {
    const item = { code: 'NEW-001', name: '新物资', category: '生活类', unit: '件' }
    expect(core.call('catalogue.saveItem', item, as)).toMatchObject(districtOnly)
    expect(core.call('catalogue.saveTarget', { planYear: 2026, tier: 'street', itemId: 'SH-001', quantity: 5 }, as)).toMatchObject(districtOnly)
    expect(core.call('compliance.setWeight', { weight: 0 }, as)).toMatchObject(districtOnly)
    expect(core.call('agreements.savePartner', { name: '某物资公司' }, as)).toMatchObject(districtOnly)
    expect(unwrap<{ weight: number }>(core.call('compliance.weight', {}))).not.toMatchObject({ weight: 0 })
    const district: Actor = { ...plannerYueyang, id: 'p-d', scope: { kind: 'district' } }
    expect(core.call('catalogue.saveItem', item, { actor: district })).toMatchObject({ ok: true })
    expect(core.call('compliance.setWeight', { weight: 0 }, { actor: district })).toMatchObject({ ok: true })
  })
})
