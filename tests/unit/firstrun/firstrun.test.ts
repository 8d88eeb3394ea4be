/**
 * The first run's methods through the real api door (issue 19): an empty installation offers the three ways, each
 * is refused once it is set up, a new district gets its divisions and the default catalogue but no sites, stock or
 * demo accounts, a joining office receives the district's network from a hub and says which office it is.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core } from '../../../core/app'
import { createHub } from '../../../server/hub'
import { registerDevice } from '../../../core/sync/hub'
import { createSite } from '../../../core/network/sites'
import { syncFolder } from '../../../core/sync/folder'
import { ANONYMOUS, type Actor } from '../../../core/common/context'
import { unwrap } from '../../helpers/core'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c() })
const blank = (): Core => { const c = createCore({ file: ':memory:', seed: 'ask' }); cleanups.push(() => c.close()); return c }
const anon = (c: Core, method: string, input: unknown) => c.callWithSession({ client: 'test' }, method, input).result
const n = (c: Core, sql: string) => c.db.$client.prepare(sql).pluck().get() as number
const ADMIN = { username: 'wang', displayName: '王建国', password: 'Pudong#2026' }

describe('first run', () => {
  it('an empty installation asks; the district picker finds 浦东新区 by name or by a pasted full-width code', () => {
    const c = blank()
    expect(unwrap(anon(c, 'firstrun.status', {}))).toMatchObject({ step: 'choose', demo: false })
    expect(unwrap(anon(c, 'auth.status', {}))).toMatchObject({ needsSetup: true })
    const byName = unwrap<{ rows: Array<{ code: string; name: string }> }>(anon(c, 'firstrun.districts', { search: '浦东' }))
    expect(byName.rows).toContainEqual(expect.objectContaining({ code: '310115', name: '浦东新区' }))
    const byCode = unwrap<{ rows: Array<{ code: string }> }>(anon(c, 'firstrun.districts', { search: ' ３１０１１５\u200b' }))
    expect(byCode.rows.map((r) => r.code)).toEqual(['310115'])
  })

  it('新建本区储备网络: divisions and catalogue, no sites, no stock, no demo accounts; the first administrator is signed in', () => {
    const c = blank()
    const session = { client: 'test' as const }
    const r = c.callWithSession(session, 'firstrun.newDistrict', { areaCode: '３１０１１５', ...ADMIN })
    expect(r.result).toMatchObject({ ok: true, data: { district: { code: '310115000000', name: '浦东新区' } } })
    expect(r.token).toBeTruthy()
    expect(n(c, "SELECT count(*) FROM regions WHERE level = 'street' AND parent_code = '310115000000'")).toBeGreaterThan(30)
    expect(n(c, 'SELECT count(*) FROM items')).toBeGreaterThan(40)
    expect(n(c, 'SELECT count(*) FROM sites')).toBe(0)
    expect(n(c, 'SELECT count(*) FROM stock_balances')).toBe(0)
    expect(c.db.$client.prepare('SELECT username FROM users').pluck().all()).toEqual(['wang'])
    const status = unwrap(c.callWithSession({ client: 'test', token: r.token! }, 'firstrun.status', {}).result)
    expect(status).toMatchObject({ step: 'ready', demo: false, mode: 'real', district: { code: '310115000000' } })
    // nothing can be chosen again
    for (const [m, i] of [['firstrun.demo', {}], ['firstrun.newDistrict', { areaCode: '310117', ...ADMIN, username: 'li' }], ['firstrun.join', { source: 'folder', folder: '/tmp' }]] as const) {
      expect(anon(c, m, i)).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_DONE', message: '本安装已完成首次设置，不能再次选择' } })
    }
  })

  it('bad input is refused naming the field, and nothing is half-written', () => {
    const c = blank()
    expect(anon(c, 'firstrun.newDistrict', { areaCode: '31011', ...ADMIN })).toMatchObject({ ok: false, error: { field: 'areaCode' } })
    expect(anon(c, 'firstrun.newDistrict', { areaCode: '999999', ...ADMIN })).toMatchObject({ ok: false, error: { code: 'DISTRICT_UNKNOWN' } })
    // a weak password: the district is not imported either
    expect(anon(c, 'firstrun.newDistrict', { areaCode: '310115', ...ADMIN, password: '123' })).toMatchObject({ ok: false })
    expect(n(c, 'SELECT count(*) FROM regions')).toBe(0)
    expect(n(c, 'SELECT count(*) FROM events')).toBe(0)
    // joining from a hub without a token, or with a pasted blank one, names the field
    expect(anon(c, 'firstrun.join', { source: 'hub', url: 'http://10.0.0.5:5180' })).toMatchObject({ ok: false, error: { field: 'token' } })
    expect(anon(c, 'firstrun.join', { source: 'hub', url: 'http://10.0.0.5:5180', token: ' \u200b ' })).toMatchObject({ ok: false, error: { field: 'token' } })
    expect(anon(c, 'firstrun.join', { source: 'hub', url: 'ftp://x', token: 'rn_x' })).toMatchObject({ ok: false, error: { code: 'SYNC_HUB_URL', field: 'url' } })
    expect(n(c, 'SELECT count(*) FROM settings WHERE key LIKE \'installation.%\'')).toBe(0)
    expect(unwrap(anon(c, 'firstrun.status', {}))).toMatchObject({ step: 'choose' })
  })

  it('试用演示数据: the demo and its accounts, marked demo', () => {
    const c = blank()
    expect(anon(c, 'firstrun.demo', {})).toMatchObject({ ok: true })
    expect(unwrap(anon(c, 'firstrun.status', {}))).toMatchObject({ step: 'ready', demo: true, mode: 'demo' })
    expect(c.replicaId).toMatch(/-demo$/)
    expect(n(c, "SELECT count(*) FROM events WHERE replica_id NOT LIKE '%-demo'")).toBe(0)
    expect(anon(c, 'auth.login', { username: 'admin', password: 'Admin2026' })).toMatchObject({ ok: true })
  })

  it('first steps: for district planners and administrators; a street planner is refused; done one by one', () => {
    const c = blank()
    unwrap(anon(c, 'firstrun.newDistrict', { areaCode: '310115', ...ADMIN }))
    const planner: Actor = { id: 'p', name: '规划员', roles: ['planner'], scope: { kind: 'district' } }
    const streetPlanner: Actor = { id: 'sp', name: '街镇规划员', roles: ['planner'], scope: { kind: 'street', regionCode: '310115004000' } }
    const keeper: Actor = { id: 'k', name: '库管员', roles: ['keeper'], scope: { kind: 'district' } }
    expect(unwrap(c.call('firstrun.steps', {}, { actor: planner }))).toEqual({ applies: true, done: false, steps: { sites: false, stock: false, populations: false, targets: false } })
    expect(c.call('firstrun.steps', {}, { actor: streetPlanner })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(c.call('firstrun.targetsChecked', {}, { actor: streetPlanner })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(c.call('firstrun.steps', {}, { actor: keeper })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(c.call('firstrun.steps', {}, { actor: ANONYMOUS })).toMatchObject({ ok: false })
    createSite(c.context(), { id: 'S-PD-1', code: 'PD1', name: '浦东新区救灾物资储备库', tier: 'district', regionCode: '310115000000' })
    expect(unwrap(c.call('firstrun.targetsChecked', {}, { actor: planner }))).toMatchObject({ steps: { sites: true, stock: false, populations: false, targets: true } })
  })

  it('加入已有网络: the hub\'s network arrives, the office says which site it is; its account stays local', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-join-'))
    const hub = await createHub({ dataDir, seed: 'new:310115', dailyBackups: false })
    cleanups.push(async () => { await hub.app.close(); fs.rmSync(dataDir, { recursive: true, force: true }) })
    createSite(hub.core.context(), { id: 'S-PD-1', code: 'PD1', name: '浦东新区救灾物资储备库', tier: 'district', regionCode: '310115000000' })
    const { token } = registerDevice(hub.core.context(), { name: '区库', scopeKind: 'site', scopeRef: 'S-PD-1' })
    await hub.app.listen({ port: 0, host: '127.0.0.1' })
    const address = hub.app.server.address() as { port: number }
    const c = blank()
    // a careless clerk: the token pasted with a trailing space
    expect(anon(c, 'firstrun.join', { source: 'hub', url: `http://127.0.0.1:${address.port}/`, token: `${token} ` })).toMatchObject({ ok: true, data: { step: 'joining' } })
    // the first administrator cannot be made while the network is still arriving
    expect(anon(c, 'firstrun.office', { kind: 'site', ref: 'S-PD-1', ...ADMIN })).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_JOIN_RUNNING' } })
    for (let i = 0; i < 100 && unwrap<{ step: string }>(anon(c, 'firstrun.status', {})).step === 'joining'; i++) await new Promise((r) => setTimeout(r, 100))
    const status = unwrap<{ step: string; offices: { sites: Array<{ id: string }> } }>(anon(c, 'firstrun.status', {}))
    expect(status.step).toBe('office')
    expect(status.offices.sites.map((s) => s.id)).toEqual(['S-PD-1'])
    expect(anon(c, 'firstrun.office', { kind: 'site', ref: 'S-NOPE', ...ADMIN })).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_OFFICE_UNKNOWN', field: 'ref' } })
    expect(anon(c, 'firstrun.office', { kind: 'street', ref: '310115000000', ...ADMIN })).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_OFFICE_UNKNOWN' } })
    const done = c.callWithSession({ client: 'test' }, 'firstrun.office', { kind: 'site', ref: 'S-PD-1', ...ADMIN })
    expect(done.result).toMatchObject({ ok: true, data: { office: { kind: 'site', ref: 'S-PD-1', name: '浦东新区救灾物资储备库' }, user: { scope: { kind: 'site', siteId: 'S-PD-1' } } } })
    expect(unwrap(anon(c, 'firstrun.status', {}))).toMatchObject({ step: 'ready', office: { ref: 'S-PD-1' } })
    expect(n(c, "SELECT count(*) FROM regions WHERE parent_code = '310115000000'")).toBeGreaterThan(30)
    // the hub has no account of the office (accounts are local), the office none of the hub's demo kind
    expect(hub.core.db.$client.prepare('SELECT username FROM users').pluck().all()).toEqual([])
    expect(c.db.$client.prepare('SELECT username FROM users').pluck().all()).toEqual(['wang'])
    expect(anon(c, 'firstrun.join', { source: 'folder', folder: dataDir })).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_DONE' } })
  })

  it('加入已有网络 from a shared folder: the district arrives from the folder; a street office is scoped to its street', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-join-folder-'))
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }))
    const district = createCore({ file: ':memory:', seed: 'new:310115' })
    cleanups.push(() => district.close())
    syncFolder(district.context(), folder)
    const c = blank()
    expect(anon(c, 'firstrun.join', { source: 'folder', folder })).toMatchObject({ ok: true })
    for (let i = 0; i < 100 && unwrap<{ step: string }>(anon(c, 'firstrun.status', {})).step === 'joining'; i++) await new Promise((r) => setTimeout(r, 50))
    const status = unwrap<{ step: string; district: { name: string }; offices: { streets: Array<{ code: string; name: string }> } }>(anon(c, 'firstrun.status', {}))
    expect(status).toMatchObject({ step: 'office', district: { name: '浦东新区' } })
    expect(status.offices.streets).toContainEqual({ code: '310115125000', name: '张江镇' })
    const r = unwrap(anon(c, 'firstrun.office', { kind: 'street', ref: '310115125000', ...ADMIN }))
    expect(r).toMatchObject({ office: { name: '张江镇' }, user: { scope: { kind: 'street', regionCode: '310115125000' } } })
  })

  it('an empty folder or a wrong hub says nothing arrived, and the office may enter it again', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-join-empty-'))
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }))
    const c = blank()
    unwrap(anon(c, 'firstrun.join', { source: 'folder', folder }))
    for (let i = 0; i < 100 && unwrap<{ join: { running: boolean } }>(anon(c, 'firstrun.status', {})).join.running; i++) await new Promise((r) => setTimeout(r, 50))
    expect(unwrap(anon(c, 'firstrun.status', {}))).toMatchObject({ step: 'joining', join: { error: `从 ${folder} 没有收到本区的区划数据：请确认地址和设备令牌正确，且该网络已建立` } })
    expect(anon(c, 'firstrun.office', { kind: 'street', ref: '310115125000', ...ADMIN })).toMatchObject({ ok: false, error: { code: 'FIRSTRUN_JOIN_FAILED' } })
    // entered again (the right hub this time would do; here: another folder that holds the district)
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-join-other-'))
    cleanups.push(() => fs.rmSync(other, { recursive: true, force: true }))
    const district = createCore({ file: ':memory:', seed: 'new:310115' })
    cleanups.push(() => district.close())
    syncFolder(district.context(), other)
    expect(anon(c, 'firstrun.join', { source: 'folder', folder: other })).toMatchObject({ ok: true })
    for (let i = 0; i < 100 && unwrap<{ step: string }>(anon(c, 'firstrun.status', {})).step === 'joining'; i++) await new Promise((r) => setTimeout(r, 50))
    expect(unwrap(anon(c, 'firstrun.status', {}))).toMatchObject({ step: 'office' })
  })
})
