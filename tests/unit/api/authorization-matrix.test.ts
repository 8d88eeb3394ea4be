/**
 * Every api method × every role × every scope kind (site, street, district) × a target in and out of the actor's
 * scope → allowed or refused exactly as the method declares. The method list comes from the contract, so a method
 * added later is covered without editing this file. The oracle below is independent of the code under test: a fixed
 * table of which site and region lies in which scope, and the roles each method declares. A method declared
 * `noScope(reason)` must give its reason (printed below), and one whose input names a site, document, stocktake or
 * order must check it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { randomUUID } from 'node:crypto'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import { contract, methodNames, type MethodSpec } from '../../../core/api/contract'
import { authorize } from '../../../core/api/invoke'
import { createSite } from '../../../core/network/sites'
import type { Actor, Role } from '../../../core/common/context'
import { AppError } from '../../../core/common/errors'

const STREET_A = '310117001000' // 岳阳街道: S-A lies here
const STREET_B = '310117002000' // 永丰街道: S-B lies here
type Target = 'S-A' | 'S-B'
const REGION: Record<Target, string> = { 'S-A': STREET_A, 'S-B': STREET_B }

let core: Core
const docAt = {} as Record<Target, string>
const stocktakeAt = {} as Record<Target, string>
const orderAt = {} as Record<Target, string>

beforeAll(() => {
  core = memoryCore(['S-A'])
  createSite(core.context(), { id: 'S-B', code: 'T-B', name: '永丰测试库', tier: 'street', regionCode: STREET_B })
  for (const site of ['S-A', 'S-B'] as const) {
    docAt[site] = randomUUID()
    unwrap(core.call('stock.receive', { id: docAt[site], siteId: site, docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 10 }] }))
    stocktakeAt[site] = randomUUID()
    unwrap(core.call('stocktake.open', { id: stocktakeAt[site], siteId: site }))
    orderAt[site] = randomUUID()
    unwrap(core.call('transfer.save', { id: orderAt[site], fromSiteId: site, toAddress: '某安置点', lines: [{ itemId: 'SH-001', requested: 1 }] }))
  }
})
afterAll(() => core.close())

const ROLES: Role[] = ['keeper', 'planner', 'dispatcher', 'admin']
const SCOPES: Array<{ label: string; scope: Actor['scope']; holds: Record<Target, boolean>; holdsRegion: Record<Target, boolean> }> = [
  { label: 'site S-A', scope: { kind: 'site', siteId: 'S-A' }, holds: { 'S-A': true, 'S-B': false }, holdsRegion: { 'S-A': false, 'S-B': false } },
  { label: `street ${STREET_A}`, scope: { kind: 'street', regionCode: STREET_A }, holds: { 'S-A': true, 'S-B': false }, holdsRegion: { 'S-A': true, 'S-B': false } },
  { label: 'district', scope: { kind: 'district' }, holds: { 'S-A': true, 'S-B': true }, holdsRegion: { 'S-A': true, 'S-B': true } },
]

/** An input whose every field names the target: a site id, a document / stocktake / order at that site, its region. */
function inputAimingAt(spec: MethodSpec, site: Target) {
  const value = (key: string) => {
    switch (spec.scope.kind) {
      case 'document': return docAt[site]
      case 'stocktake': return stocktakeAt[site]
      case 'transfer': return orderAt[site]
      case 'place': return key === 'regionCode' ? REGION[site] : key === 'tier' ? 'street' : site
      default: return site
    }
  }
  return new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? value(key) : undefined) })
}

const roleDeclared = (spec: MethodSpec, role: Role) => role === 'admin' || spec.roles.length === 0 || spec.roles.includes(role)

/** The oracle: what the declared rule means for this scope and target, from the fixed tables above. */
function expectedRefusal(spec: MethodSpec, role: Role, s: (typeof SCOPES)[number], site: Target): string | null {
  if (!roleDeclared(spec, role)) return 'role'
  if (role === 'admin') return null
  const rule = spec.scope
  switch (rule.kind) {
    case 'none': return null
    case 'district': return s.scope.kind === 'district' ? null : `district scope needed: ${rule.reason}`
    case 'place': {
      const siteOk = !rule.siteId || s.holds[site]
      const regionOk = !rule.regionCode || s.holdsRegion[site]
      return siteOk && regionOk ? null : 'out of scope'
    }
    default: return s.holds[site] ? null : 'out of scope'
  }
}

function refusal(f: () => void): string | null {
  try { f(); return null } catch (e) { if (e instanceof AppError && e.code === 'FORBIDDEN') return String(e.params.reasonEn); throw e }
}

/** Input fields that name something lying in a scope: a method taking one cannot be `noScope`. */
const SCOPED_FIELDS = ['siteId', 'fromSiteId', 'toSiteId', 'destinationSiteId', 'documentId', 'stocktakeId']

describe('methods without a scope say why', () => {
  const unscoped = methodNames.filter((n) => contract[n].scope.kind === 'none')
  it('every noScope has a reason in Chinese and English', () => {
    const table = unscoped.map((n) => {
      const rule = contract[n].scope as { kind: 'none'; reason?: string }
      return { method: n, reason: rule.reason }
    })
    // eslint-disable-next-line no-console
    console.log(`methods without a scope (${table.length}):\n${table.map((r) => `  ${r.method}: ${r.reason}`).join('\n')}`)
    for (const r of table) {
      expect(typeof r.reason === 'string' && r.reason.length > 10, `${r.method} needs a reason`).toBe(true)
      expect(r.reason, `${r.method}: reason in zh / en`).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/)
    }
  })
  it.each(unscoped)('%s takes no field naming a site, document or stocktake', (name) => {
    const shape = (contract[name].input as unknown as { shape?: Record<string, unknown> }).shape ?? {}
    expect(Object.keys(shape).filter((k) => SCOPED_FIELDS.includes(k))).toEqual([])
  })
})

describe.each(methodNames)('%s', (name) => {
  const spec = contract[name] as MethodSpec

  it.each(ROLES.flatMap((role) => SCOPES.map((s) => [role, s] as const)))('as %s with scope %j', (role, s) => {
    const actor: Actor = { id: `${role}-${s.label}`, name: role, roles: [role], scope: s.scope }
    const ctx = core.context(actor)
    // The role, through the real door: refused before the input is even read.
    const viaApi = core.call(name, {}, { actor })
    if (roleDeclared(spec, role)) expect(viaApi.ok || viaApi.error.message).not.toBe('无权执行此操作（角色不符）')
    else expect(viaApi).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（角色不符）' } })
    // The scope, on an input aimed in and out of the actor's scope.
    for (const site of ['S-A', 'S-B'] as const) {
      const got = refusal(() => authorize(ctx, spec, inputAimingAt(spec, site)))
      expect(got, `${name} (${spec.scope.kind}) as ${role}/${s.label} at ${site}`).toBe(expectedRefusal(spec, role, s, site))
    }
  })

  it('without a session', () => {
    const r = core.callWithSession({ client: 'test' }, name, {}).result
    if (spec.public) expect(r.ok || r.error.code).not.toBe('UNAUTHENTICATED')
    else expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('scope through the real api', () => {
  const keeperA: Actor = { id: 'k-a', name: '岳阳库管员', roles: ['keeper'], scope: { kind: 'street', regionCode: STREET_A } }
  const receipt = (siteId: string) => ({ id: randomUUID(), siteId, docDate: '2026-05-02', lines: [{ itemId: 'SH-001', lotNo: 'L2', quantity: 1 }] })

  it('a street keeper posts in their street, is refused (and audited) in another', () => {
    expect(core.call('stock.receive', receipt('S-A'), { actor: keeperA })).toMatchObject({ ok: true })
    const out = receipt('S-B')
    expect(core.call('stock.receive', out, { actor: keeperA })).toMatchObject({
      ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（不在管辖范围内）', field: 'siteId' },
    })
    const audit = unwrap<{ rows: Array<Record<string, unknown>> }>(core.call('audit.search', { actor: 'k-a' }))
    expect(audit.rows[0]).toMatchObject({ action: 'stock.receive', outcome: 'refused', siteId: 'S-B', entityId: out.id, actorName: '岳阳库管员' })
    expect(audit.rows[1]).toMatchObject({ action: 'stock.receive', outcome: 'ok', siteId: 'S-A' })
    expect(String(audit.rows[1].eventId)).toMatch(new RegExp(`^${core.replicaId}:\\d+$`))
  })

  it('a keeper cannot reverse a document of a site outside their scope', () => {
    const r = core.call('stock.reverse', { id: randomUUID(), documentId: docAt['S-B'], docDate: '2026-05-03' }, { actor: keeperA })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('balances and documents read by a scoped keeper show only their scope; naming another site is refused', () => {
    const rows = unwrap<{ rows: Array<{ siteId: string }> }>(core.call('stock.balances', {}, { actor: keeperA })).rows
    expect(new Set(rows.map((r) => r.siteId))).toEqual(new Set(['S-A']))
    const all = unwrap<{ rows: Array<{ siteId: string }> }>(core.call('stock.balances', {})).rows
    expect(new Set(all.map((r) => r.siteId))).toEqual(new Set(['S-A', 'S-B']))
    expect(core.call('stock.balances', { siteId: 'S-B' }, { actor: keeperA })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const docs = unwrap<Array<{ siteId: string }>>(core.call('stock.documents', {}, { actor: keeperA }))
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.every((d) => d.siteId === 'S-A')).toBe(true)
    expect(core.call('stock.document', { id: docAt['S-B'] }, { actor: keeperA })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a keeper moves on only orders of their own sites', () => {
    const keeperB: Actor = { id: 'k-b', name: '永丰库管员', roles: ['keeper'], scope: { kind: 'street', regionCode: STREET_B } }
    const r = core.call('transfer.transition', { id: orderAt['S-A'], action: 'approve' }, { actor: keeperB })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（不在管辖范围内）' } })
  })
})
