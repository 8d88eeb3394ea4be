/** Opening, editing and closing sites, and the coverage that follows from them — on a hand-made network. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { count, unwrap } from '../../helpers/core'

const YUEYANG = '310117001000'
const LONGTAN = '310117001001'
const ZUIBAICHI = '310117001002'
const JINSHATAN = '310117001003'
const VIRTUAL = '310117501498' // 松江工业区虚拟社区: no committee, never counted

let core: Core
beforeEach(() => { core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' }) })
afterEach(() => core.close())

const open = (input: Record<string, unknown>) => core.call('network.openSite', { tier: 'community', ownership: 'self', ...input })
const cov = (asOf?: string) => unwrap(core.call('coverage.summary', asOf ? { asOf } : {}))
const yueyang = (c: { streets: Array<{ code: string; covered: number; communities: number; rate: number }> }) => c.streets.find((s) => s.code === YUEYANG)!

describe('sites', () => {
  it('opens a point that serves several communities; each of them is covered, and an event records it', () => {
    const events = count(core, 'events')
    const { id } = unwrap(open({ code: 'CJ-1', name: '龙潭联合储备点', regionCode: LONGTAN, serves: [LONGTAN, ZUIBAICHI], openedOn: '2026-03-01', keeper: '张伟', phone: '13800000000' }))
    expect(count(core, 'events')).toBe(events + 1)
    const site = unwrap(core.call('network.site', { id }))
    expect(site).toMatchObject({ name: '龙潭联合储备点', status: 'active', openedOn: '2026-03-01', keeper: '张伟', serves: [LONGTAN, ZUIBAICHI] })
    const c = cov()
    expect(yueyang(c)).toMatchObject({ communities: 26, covered: 2 })
    expect(c.uncovered.map((u: { code: string }) => u.code)).not.toContain(ZUIBAICHI)
    expect(c.uncovered.map((u: { code: string }) => u.code)).toContain(JINSHATAN)
    expect(c.total.communities).toBe(383)
    expect(c.total.covered).toBe(2)
  })

  it('edits a site: only the given fields change, serves is replaced', () => {
    const { id } = unwrap(open({ code: 'CJ-1', name: '龙潭储备点', regionCode: LONGTAN, serves: [LONGTAN], keeper: '张伟' }))
    const after = unwrap(core.call('network.updateSite', { id, name: '龙潭社区储备点', serves: [LONGTAN, JINSHATAN], capacity: '20平方米' }))
    expect(after).toMatchObject({ name: '龙潭社区储备点', keeper: '张伟', capacity: '20平方米', serves: [LONGTAN, JINSHATAN] })
    expect(yueyang(cov()).covered).toBe(2)
    // Clearing a field with null
    expect(unwrap(core.call('network.updateSite', { id, keeper: null })).keeper).toBeNull()
  })

  it('a closed site stops covering from its closing date; coverage on an earlier date still counts it', () => {
    const { id } = unwrap(open({ code: 'CJ-1', name: '龙潭储备点', regionCode: LONGTAN, serves: [LONGTAN], openedOn: '2025-01-01' }))
    unwrap(open({ code: 'CJ-2', name: '醉白池储备点', regionCode: ZUIBAICHI, serves: [ZUIBAICHI], openedOn: '2026-02-01' }))
    unwrap(core.call('network.closeSite', { id, closedOn: '2026-05-01', reason: '场地拆迁' }))
    expect(yueyang(cov()).covered).toBe(1) // today 2026-06-01: only 醉白池
    expect(yueyang(cov('2026-04-30')).covered).toBe(2) // both open
    expect(yueyang(cov('2026-05-01')).covered).toBe(1) // closed that day
    expect(yueyang(cov('2026-01-15')).covered).toBe(1) // 醉白池 not yet open
    expect(yueyang(cov('2024-12-31')).covered).toBe(0)
    expect(yueyang(cov('2026-04-30')).rate).toBe(7.7) // 2 of 26
    const tree = unwrap(core.call('network.tree', {}))
    expect(tree.totals.covered).toBe(1)
  })

  it('two points serving the same community count it once; the placeholder 虚拟社区 never counts', () => {
    unwrap(open({ code: 'CJ-1', name: 'A', regionCode: LONGTAN, serves: [LONGTAN] }))
    unwrap(open({ code: 'CJ-2', name: 'B', regionCode: ZUIBAICHI, serves: [ZUIBAICHI, LONGTAN] }))
    expect(yueyang(cov()).covered).toBe(2)
    const c = cov()
    expect(c.uncovered.map((u: { code: string }) => u.code)).not.toContain(VIRTUAL)
    expect(c.streets.find((s: { code: string }) => s.code === '310117501000').communities).toBe(
      unwrap(core.call('network.tree', {})).streets.find((s: { code: string }) => s.code === '310117501000').communities.length - 1)
  })

  it('the monthly trend follows the opening dates', () => {
    unwrap(open({ code: 'CJ-1', name: 'A', regionCode: LONGTAN, serves: [LONGTAN], openedOn: '2026-03-10' }))
    const trend = unwrap(core.call('coverage.trend', { months: 4 }))
    expect(trend.map((p: { date: string }) => p.date)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-01'])
    expect(trend.map((p: { covered: number }) => p.covered)).toEqual([0, 1, 1, 1, 1])
  })

  it('refuses bad sites with a message naming the field, and writes nothing', () => {
    unwrap(open({ code: 'CJ-1', name: 'A', regionCode: LONGTAN, serves: [LONGTAN] }))
    const before = count(core, 'sites')
    const events = count(core, 'events')
    const taken = open({ code: 'CJ-1', name: 'B', regionCode: ZUIBAICHI })
    expect(taken).toMatchObject({ ok: false, error: { code: 'SITE_CODE_TAKEN', field: 'code' } })
    expect(!taken.ok && taken.error.message).toBe('编码 CJ-1 已被储备点「A」使用')
    expect(open({ code: 'CJ-9', name: 'B', tier: 'street', regionCode: LONGTAN })).toMatchObject({ ok: false, error: { code: 'SITE_TIER_REGION', field: 'regionCode' } })
    expect(open({ code: 'CJ-9', name: 'B', regionCode: LONGTAN, serves: [YUEYANG] })).toMatchObject({ ok: false, error: { code: 'SITE_SERVES_COMMUNITY', field: 'serves', row: 1 } })
    expect(open({ code: 'CJ-9', name: 'B', regionCode: '310117999999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'regionCode' } })
    const bad = core.call('network.openSite', { code: 'CJ-9', name: '', tier: 'community', regionCode: LONGTAN }, { lang: 'en' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } })
    expect(!bad.ok && bad.error.message).toBe('name: is required')
    expect(count(core, 'sites')).toBe(before)
    expect(count(core, 'events')).toBe(events)
  })

  it('refuses to close before the opening date, or twice', () => {
    const { id } = unwrap(open({ code: 'CJ-1', name: 'A', regionCode: LONGTAN, serves: [LONGTAN], openedOn: '2026-03-01' }))
    expect(core.call('network.closeSite', { id, closedOn: '2026-02-01' })).toMatchObject({ ok: false, error: { code: 'SITE_DATES', field: 'closedOn' } })
    unwrap(core.call('network.closeSite', { id, closedOn: '2026-04-01' }))
    expect(core.call('network.closeSite', { id, closedOn: '2026-04-02' })).toMatchObject({ ok: false, error: { code: 'SITE_ALREADY_CLOSED' } })
    unwrap(core.call('network.reopenSite', { id, openedOn: '2026-05-01' }))
    expect(yueyang(cov()).covered).toBe(1)
    expect(yueyang(cov('2026-04-15')).covered).toBe(0)
  })
})
