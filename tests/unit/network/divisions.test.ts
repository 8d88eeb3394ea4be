/** Any district from the bundled division data: Pudong imported next to Songjiang; the bundle agrees with the shipped Songjiang file. */
import { describe, it, expect, afterAll } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { createCore } from '../../../core/app'
import { findResourcesDir } from '../../../db/seed/reference'
import { districtFromBundle, listDistricts } from '../../../core/network/divisions'
import { count, unwrap } from '../../helpers/core'

const resources = findResourcesDir()
const core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
afterAll(() => core.close())

describe('the bundled division data', () => {
  it('rebuilds Songjiang exactly as the shipped resources/regions/310117.json', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(resources, 'regions', '310117.json'), 'utf8'))
    expect(districtFromBundle(resources, '310117')).toEqual(shipped)
  })

  it('lists Shanghai\'s 16 districts', () => {
    const sh = listDistricts(resources, '31')
    expect(sh).toHaveLength(16)
    expect(sh.find((d) => d.code === '310115')).toEqual({ code: '310115', name: '浦东新区', parent: '上海市' })
  })

  it('imports 浦东新区 next to Songjiang, in one event, and can make it the current district', () => {
    const events = count(core, 'events')
    const r = unwrap(core.call('network.importDistrict', { areaCode: '310115' }))
    expect(r.district).toMatchObject({ code: '310115000000', name: '浦东新区', cityName: '上海市' })
    expect(r.streets).toBeGreaterThan(30)
    expect(r.communities).toBeGreaterThan(1000)
    expect(count(core, 'events')).toBe(events + 1)
    // Songjiang stays the current district until the planner switches
    expect(unwrap(core.call('network.tree', {})).district.name).toBe('松江区')
    unwrap(core.call('network.importDistrict', { areaCode: '310115', makeCurrent: true }))
    const tree = unwrap(core.call('network.tree', {}))
    expect(tree.district.name).toBe('浦东新区')
    expect(tree.streets).toHaveLength(r.streets)
    const cov = unwrap(core.call('coverage.summary', {}))
    expect(cov.total).toMatchObject({ name: '浦东新区', covered: 0 })
    expect(cov.uncovered.length).toBe(cov.total.communities)
    // a point in Pudong is covered there
    const community = tree.streets[0].communities.find((c: { counted: boolean }) => c.counted)
    unwrap(core.call('network.openSite', { code: 'PD-1', name: '浦东储备点', tier: 'community', regionCode: community.code, serves: [community.code] }))
    expect(unwrap(core.call('coverage.summary', {})).total.covered).toBe(1)
  })

  it('refuses an unknown district code, naming the field, and adds nothing', () => {
    const regions = count(core, 'regions')
    expect(core.call('network.importDistrict', { areaCode: '319999' })).toMatchObject({ ok: false, error: { code: 'DISTRICT_UNKNOWN', field: 'areaCode' } })
    expect(core.call('network.importDistrict', { areaCode: '31' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'areaCode' } })
    expect(count(core, 'regions')).toBe(regions)
  })
})
