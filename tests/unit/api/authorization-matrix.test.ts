/**
 * Every api method × every role × a target in and out of the actor's scope → allowed or refused exactly as the
 * method declares. The method list comes from the contract, so a method added later is covered without editing
 * this file. The oracle below is independent of the code under test: a fixed table of which site lies in which
 * scope, and the roles each method declares.
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

let core: Core
const docAt: Record<string, string> = {}

beforeAll(() => {
  core = memoryCore(['S-A'])
  createSite(core.context(), { id: 'S-B', code: 'T-B', name: '永丰测试库', tier: 'street', regionCode: STREET_B })
  for (const site of ['S-A', 'S-B']) {
    docAt[site] = randomUUID()
    unwrap(core.call('stock.receive', { id: docAt[site], siteId: site, docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 10 }] }))
  }
})
afterAll(() => core.close())

const ROLES: Role[] = ['keeper', 'planner', 'dispatcher', 'admin']
const SCOPES: Array<{ label: string; scope: Actor['scope']; holds: Record<'S-A' | 'S-B', boolean> }> = [
  { label: 'site S-A', scope: { kind: 'site', siteId: 'S-A' }, holds: { 'S-A': true, 'S-B': false } },
  { label: `street ${STREET_A}`, scope: { kind: 'street', regionCode: STREET_A }, holds: { 'S-A': true, 'S-B': false } },
  { label: 'district', scope: { kind: 'district' }, holds: { 'S-A': true, 'S-B': true } },
]

/** An input whose every field names the target: a site id for site rules, a document at that site for document rules. */
const inputAimingAt = (spec: MethodSpec, site: 'S-A' | 'S-B') =>
  new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? (spec.scope.kind === 'document' ? docAt[site] : site) : undefined) })

const roleDeclared = (spec: MethodSpec, role: Role) => role === 'admin' || spec.roles.length === 0 || spec.roles.includes(role)

function refusal(f: () => void): string | null {
  try { f(); return null } catch (e) { if (e instanceof AppError && e.code === 'FORBIDDEN') return String(e.params.reasonEn); throw e }
}

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
      const expected = !roleDeclared(spec, role) ? 'role'
        : role === 'admin' || spec.scope.kind === 'none' || s.holds[site] ? null : 'out of scope'
      expect(got, `${name} as ${role}/${s.label} at ${site}`).toBe(expected)
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
})
