/**
 * The catalogue versioned per plan year: each year's annual plan is priced at that year's price (else the item's
 * own), a planner copies a year to the next and edits it, and two offices that edit the same year converge.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { createCore, type Core } from '../../../core/app'
import { eventsSince, exchangeDirect, vectorOf } from '../../../core/sync/exchange'
import { hubSync, registerDevice, sqliteHubStore } from '../../../core/sync/hub'
import type { Actor } from '../../../core/common/context'
import { unwrap, count } from '../../helpers/core'
import { projectionHash, rebuiltFromEvents } from '../../helpers/sync'

const LONGTAN = '310117001001'
const planner: Actor = { id: 'planner-1', name: '规划员', roles: ['planner'], scope: { kind: 'district' } }

let core: Core
const call = (m: string, i: unknown) => unwrap(core.call(m, i))
const tentLine = (planYear: number) =>
  call('plan.annual', { planYear }).lines.find((l: { tier: string; itemId: string }) => l.tier === 'community' && l.itemId === 'SH-001')
const yearRow = (planYear: number, itemId: string) =>
  call('catalogue.version', { planYear }).rows.find((r: { itemId: string }) => r.itemId === itemId)

beforeEach(() => {
  core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
  call('network.openSite', { id: 'A', code: 'CJ-A', name: '龙潭储备点', tier: 'community', regionCode: LONGTAN, openedOn: '2021-01-01' })
  for (const planYear of [2026, 2027]) call('catalogue.saveTarget', { planYear, tier: 'community', itemId: 'SH-001', mode: 'fixed', quantity: 4, required: true })
})
afterEach(() => core.close())

describe('the annual plan priced per plan year', () => {
  it('prices 2026 and 2027 each at its own year\'s price', () => {
    call('catalogue.saveVersion', { planYear: 2026, itemId: 'SH-001', unitPrice: 1900, included: true })
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2100, included: true })
    expect(tentLine(2026)).toMatchObject({ gap: 4, unitPrice: 1900, budget: 7600 })
    expect(tentLine(2027)).toMatchObject({ gap: 4, unitPrice: 2100, budget: 8400 })
    expect(call('plan.annual', { planYear: 2027 }).suggestedTotal).toBe(8400)
  })

  it('falls back to the item\'s own price where the year sets none', () => {
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2100, included: true })
    expect(tentLine(2026)).toMatchObject({ unitPrice: 1800, budget: 7200 }) // no 2026 version: the item's 1 800
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: null, included: true })
    expect(tentLine(2027)).toMatchObject({ unitPrice: 1800, budget: 7200 })
  })

  it('a line whose quantity the planner changed still follows the year\'s price; a price the planner set stays', () => {
    call('plan.editLine', { planYear: 2027, tier: 'community', itemId: 'SH-001', quantity: 6, unitPrice: null })
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2100, included: true })
    expect(tentLine(2027)).toMatchObject({ quantity: 6, edited: true, unitPrice: 2100, budget: 12600, draftPrice: null })
    call('plan.editLine', { planYear: 2027, tier: 'community', itemId: 'SH-001', quantity: 6, unitPrice: 1500 })
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2300, included: true })
    expect(tentLine(2027)).toMatchObject({ unitPrice: 1500, budget: 9000, draftPrice: 1500 })
  })

  it('leaves out an item that is not in that year\'s catalogue', () => {
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2100, included: false })
    expect(tentLine(2027)).toBeUndefined()
    expect(tentLine(2026)).toMatchObject({ budget: 7200 })
  })
})

describe('copying a year\'s catalogue to the next', () => {
  it('copies every item\'s price and place as the year reads them, then the new year is edited on its own', () => {
    call('catalogue.saveVersion', { planYear: 2026, itemId: 'SH-001', unitPrice: 1900, included: true })
    call('catalogue.saveVersion', { planYear: 2026, itemId: 'SP-001', unitPrice: 30, included: false })
    const items = count(core, 'items')
    expect(call('catalogue.copyVersion', { fromYear: 2026, toYear: 2027 })).toEqual({ copied: items })
    expect(yearRow(2027, 'SH-001')).toMatchObject({ unitPrice: 1900, included: true, versioned: true })
    expect(yearRow(2027, 'SP-001')).toMatchObject({ unitPrice: 30, included: false })
    expect(yearRow(2027, 'SH-003')).toMatchObject({ unitPrice: yearRow(2026, 'SH-003').itemPrice, included: true })
    call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2000, included: true })
    expect(yearRow(2027, 'SH-001').unitPrice).toBe(2000)
    expect(yearRow(2026, 'SH-001').unitPrice).toBe(1900)
    expect(call('catalogue.version', { planYear: 2027 }).years).toEqual([2026, 2027])
  })

  it('refuses to copy onto a year that already has its version, naming the year; nothing is written', () => {
    call('catalogue.copyVersion', { fromYear: 2026, toYear: 2027 })
    const events = count(core, 'events')
    expect(core.call('catalogue.copyVersion', { fromYear: 2026, toYear: 2027 }))
      .toMatchObject({ ok: false, error: { code: 'CATALOGUE_YEAR_EXISTS', field: 'toYear', message: '2027 年度已有目录版本，请直接修改' } })
    expect(core.call('catalogue.copyVersion', { fromYear: 2026, toYear: 2027 }, { lang: 'en' }))
      .toMatchObject({ ok: false, error: { message: 'Plan year 2027 already has its catalogue version; edit it instead' } })
    expect(count(core, 'events')).toBe(events)
  })

  it('is a planner\'s job: a keeper may read the year\'s catalogue but not change it', () => {
    const keeper: Actor = { id: 'keeper-1', name: '库管员', roles: ['keeper'], scope: { kind: 'district' } }
    expect(core.call('catalogue.version', { planYear: 2027 }, { actor: keeper }).ok).toBe(true)
    expect(core.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 1, included: true }, { actor: keeper }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(core.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 1, included: true }, { actor: planner }).ok).toBe(true)
  })
})

describe('sync of the catalogue versions', () => {
  const offices: Core[] = []
  const office = () => { const c = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' }); offices.push(c); return c }
  afterEach(() => offices.splice(0).forEach((c) => c.close()))
  const price = (c: Core, planYear: number, itemId: string) =>
    c.db.$client.prepare('SELECT unit_price AS p, included AS i FROM catalogue_versions WHERE plan_year = ? AND item_id = ?').get(planYear, itemId)

  it('two offices that copy and edit the same year offline converge, field by field, to the later edit; the other is kept', () => {
    const a = office(), b = office()
    unwrap(a.call('catalogue.copyVersion', { fromYear: 2026, toYear: 2027 }))
    unwrap(b.call('catalogue.copyVersion', { fromYear: 2026, toYear: 2027 }))
    unwrap(a.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2000, included: true }))
    unwrap(b.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2200, included: true }))
    unwrap(b.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SP-001', unitPrice: 35, included: false }))
    exchangeDirect(a.context(), b.context())
    expect(projectionHash(a)).toBe(projectionHash(b))
    // the edit with the later clock wins (ties broken by event id), whichever office made it
    const edits = (a.db.$client.prepare("SELECT id, hlc, payload FROM events WHERE type = 'catalogue.versionSaved' AND entity_id LIKE '2027|SH-001'").all() as Array<{ id: string; hlc: string; payload: string }>)
      .map((e) => ({ key: `${e.hlc} ${e.id}`, price: JSON.parse(e.payload).unitPrice as number })).sort((x, y) => (x.key < y.key ? -1 : 1))
    expect(edits.map((e) => e.price).sort()).toEqual([2000, 2200])
    expect(price(a, 2027, 'SH-001')).toEqual({ p: edits[1].price, i: 1 })
    expect(price(a, 2027, 'SP-001')).toEqual({ p: 35, i: 0 })
    // the overwritten concurrent price is kept for review, never dropped
    const lost = a.db.$client.prepare("SELECT detail FROM conflicts WHERE kind = 'lww' AND entity = 'catalogue_version' AND entity_id = '2027|SH-001' AND field = 'unitPrice'").all() as Array<{ detail: string }>
    expect(lost.map((c) => JSON.parse(c.detail).loserValue)).toContain(edits[0].price)
    // both offices plan 2027 at the same price
    expect(unwrap(a.call('plan.annual', { planYear: 2027 })).total).toBe(unwrap(b.call('plan.annual', { planYear: 2027 })).total)
  })

  it('exchanging again, or rebuilding from the events, changes nothing', () => {
    const a = office(), b = office()
    unwrap(a.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2000, included: true }))
    exchangeDirect(a.context(), b.context())
    unwrap(b.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2500, included: true }))
    exchangeDirect(a.context(), b.context())
    const hash = projectionHash(a)
    exchangeDirect(a.context(), b.context())
    expect(projectionHash(a)).toBe(hash)
    expect(projectionHash(b)).toBe(hash)
    expect(price(a, 2027, 'SH-001')).toEqual({ p: 2500, i: 1 })
    // a sequential edit (b saw a's price) is not a conflict
    expect(a.db.$client.prepare("SELECT count(*) FROM conflicts WHERE entity = 'catalogue_version'").pluck().get()).toBe(0)
    const fresh = rebuiltFromEvents(a)
    offices.push(fresh)
    expect(price(fresh, 2027, 'SH-001')).toEqual({ p: 2500, i: 1 })
  })

  it('the hub takes a year\'s catalogue only from a district device: a street office\'s is refused, nothing stored', async () => {
    const hub = office(), street = office(), district = office()
    const store = sqliteHubStore(hub.context())
    for (const o of [street, district]) unwrap(o.call('catalogue.saveVersion', { planYear: 2027, itemId: 'SH-001', unitPrice: 2000, included: true }))
    const streetToken = registerDevice(hub.context(), { name: '岳阳街道', scopeKind: 'street', scopeRef: '310117001000' }).token
    await expect(hubSync(hub.context(), store, streetToken, { vector: vectorOf(street.db), events: eventsSince(street.db, {}) }))
      .rejects.toMatchObject({ code: 'SYNC_DISTRICT_ONLY' })
    expect(price(hub, 2027, 'SH-001')).toBeUndefined()
    const districtToken = registerDevice(hub.context(), { name: '区应急局', scopeKind: 'district' }).token
    await hubSync(hub.context(), store, districtToken, { vector: vectorOf(district.db), events: eventsSince(district.db, {}) })
    expect(price(hub, 2027, 'SH-001')).toEqual({ p: 2000, i: 1 })
  })
})
