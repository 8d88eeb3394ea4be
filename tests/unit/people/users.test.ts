/**
 * Users and logins: passwords stored as scrypt hashes, lockout after repeated failures, change and reset, the
 * first administrator of an empty installation, sessions that end when rights change.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import { hashPassword, verifyPassword, SCRYPT_PARAMS } from '../../../core/people/passwords'
import { login, LOCK_MINUTES, MAX_FAILED_LOGINS, sessionActor } from '../../../core/people/users'
import { AppError } from '../../../core/common/errors'

let core: Core
beforeEach(() => { core = memoryCore(['S-A']) })
afterEach(() => core.close())

const hub = (token?: string | null) => ({ token: token ?? undefined, client: 'hub' as const })
const loginAs = (username: string, password: string) => core.callWithSession(hub(), 'auth.login', { username, password })

function addUser(username: string, extra: Record<string, unknown> = {}) {
  return unwrap(core.call('users.create', {
    username, displayName: `用户${username}`, password: 'Start1234', roles: ['keeper'], scopeKind: 'site', scopeRef: 'S-A', ...extra,
  }))
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes with their parameters, and verify only the right password', () => {
    const h = hashPassword('Secret123')
    expect(h).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$`))
    expect(h).not.toContain('Secret123')
    expect(hashPassword('Secret123')).not.toBe(h) // salted
    expect(verifyPassword('Secret123', h)).toBe(true)
    expect(verifyPassword('secret123', h)).toBe(false)
    expect(verifyPassword('Secret123', 'garbage')).toBe(false)
  })

  it('the database never holds the password, and the api never answers with the hash', () => {
    addUser('wang')
    const row = core.db.$client.prepare("SELECT password_hash FROM users WHERE username = 'wang'").get() as { password_hash: string }
    expect(row.password_hash).toMatch(/^scrypt\$/)
    const list = unwrap<Array<Record<string, unknown>>>(core.call('users.list', {}))
    expect(JSON.stringify(list)).not.toContain('scrypt')
  })

  it('too short or without digits are refused with a clear message', () => {
    const short = core.call('users.create', { username: 'li', displayName: '李', password: 'ab1', roles: ['keeper'], scopeKind: 'district' })
    expect(short).toMatchObject({ ok: false, error: { code: 'PASSWORD_SHORT', field: 'password', message: '密码至少需要 8 个字符' } })
    const weak = core.call('users.create', { username: 'li', displayName: '李', password: 'abcdefgh', roles: ['keeper'], scopeKind: 'district' })
    expect(weak).toMatchObject({ ok: false, error: { code: 'PASSWORD_WEAK' } })
  })
})

describe('login', () => {
  it('starts a session the transport keeps; the answer itself carries no token', () => {
    addUser('wang')
    const { result, token } = loginAs('WANG', 'Start1234')
    expect(result).toMatchObject({ ok: true, data: { username: 'wang', roles: ['keeper'], mustChangePassword: true } })
    expect(typeof token).toBe('string')
    expect(JSON.stringify(result)).not.toContain(token!)
    expect(sessionActor(core.db, token!)?.actor.name).toBe('用户wang')
    // a session token is stored only as a hash
    expect(JSON.stringify(core.db.$client.prepare('SELECT * FROM sessions').all())).not.toContain(token!)
  })

  it('a wrong name and a wrong password get the same answer', () => {
    addUser('wang')
    const a = loginAs('wang', 'Wrong1234').result
    const b = loginAs('nobody', 'Wrong1234').result
    expect(a).toEqual(b)
    expect(a).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED', message: '用户名或密码不正确' } })
  })

  it(`locks the account after ${MAX_FAILED_LOGINS} wrong passwords, even for the right one, until the lock runs out`, () => {
    addUser('wang')
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect(loginAs('wang', 'Wrong1234').result).toMatchObject({ error: { code: 'LOGIN_FAILED' } })
    expect(loginAs('wang', 'Wrong1234').result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
    const locked = loginAs('wang', 'Start1234')
    expect(locked.result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
    expect(locked.token).toBeUndefined()
    // after the lock time the right password works again
    const later = Date.now() + (LOCK_MINUTES + 1) * 60_000
    const ctx = { ...core.context(), session: { client: 'test' as const } }
    expect(login(ctx, { username: 'wang', password: 'Start1234' }, later).username).toBe('wang')
  })

  it('failed logins and lockouts are in the audit trail', () => {
    addUser('wang')
    loginAs('wang', 'Wrong1234')
    loginAs('ghost', 'Wrong1234')
    const audit = unwrap<{ rows: Array<{ action: string; outcome: string; actorName: string; detail: string }> }>(core.call('audit.search', { action: 'auth.' }))
    expect(audit.rows.map((r) => [r.action, r.outcome, r.actorName])).toEqual([
      ['auth.loginFailed', 'failed', 'ghost'], ['auth.loginFailed', 'failed', '用户wang'],
    ])
  })

  it('an inactive user cannot log in, and their sessions end when deactivated', () => {
    const u = addUser('wang')
    const { token } = loginAs('wang', 'Start1234')
    unwrap(core.call('users.update', { id: u.id, active: false }))
    expect(sessionActor(core.db, token!)).toBeNull()
    expect(loginAs('wang', 'Start1234').result).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } })
  })
})

describe('passwords change and reset', () => {
  it('a new user must change the temporary password before anything else; then works normally', () => {
    addUser('wang')
    const { token } = loginAs('wang', 'Start1234')
    const blocked = core.callWithSession(hub(token), 'stock.balances', {})
    expect(blocked.result).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } })
    expect(core.callWithSession(hub(token), 'auth.changePassword', { current: 'Wrong1234', next: 'Better2026' }).result)
      .toMatchObject({ ok: false, error: { code: 'PASSWORD_WRONG', field: 'current' } })
    expect(core.callWithSession(hub(token), 'auth.changePassword', { current: 'Start1234', next: 'Better2026' }).result).toMatchObject({ ok: true })
    expect(core.callWithSession(hub(token), 'stock.balances', {}).result).toMatchObject({ ok: true })
    expect(loginAs('wang', 'Start1234').result).toMatchObject({ ok: false })
    expect(loginAs('wang', 'Better2026').result).toMatchObject({ ok: true, data: { mustChangePassword: false } })
  })

  it('an administrator reset unlocks the account, ends its sessions and sets a temporary password', () => {
    const u = addUser('wang')
    const { token } = loginAs('wang', 'Start1234')
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) loginAs('wang', 'Wrong1234')
    unwrap(core.call('users.resetPassword', { id: u.id, password: 'Reset2026' }))
    expect(sessionActor(core.db, token!)).toBeNull()
    expect(loginAs('wang', 'Reset2026').result).toMatchObject({ ok: true, data: { mustChangePassword: true } })
  })

  it('a keeper cannot reset anyone\'s password or create users', () => {
    addUser('wang')
    unwrap(core.call('users.create', { username: 'zhao', displayName: '赵', password: 'Start1234', roles: ['keeper'], scopeKind: 'district' }))
    const { token } = loginAs('wang', 'Start1234')
    core.callWithSession(hub(token), 'auth.changePassword', { current: 'Start1234', next: 'Better2026' })
    const r = core.callWithSession(hub(token), 'users.create', { username: 'x1', displayName: 'x', password: 'Start1234', roles: ['admin'], scopeKind: 'district' })
    expect(r.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（角色不符）' } })
  })

  it('the last administrator cannot be deactivated or lose the role', () => {
    const a = unwrap(core.call('users.create', { username: 'boss', displayName: '管理员', password: 'Start1234', roles: ['admin'], scopeKind: 'district' }))
    expect(core.call('users.update', { id: a.id, active: false })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } })
    expect(core.call('users.update', { id: a.id, roles: ['keeper'] })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } })
  })

  it('a scope must name an existing site or street', () => {
    expect(core.call('users.create', { username: 'x1', displayName: 'x', password: 'Start1234', roles: ['keeper'], scopeKind: 'site', scopeRef: 'nope' }))
      .toMatchObject({ ok: false, error: { code: 'SCOPE_INVALID', field: 'scopeRef' } })
    expect(core.call('users.create', { username: 'x1', displayName: 'x', password: 'Start1234', roles: ['keeper'], scopeKind: 'street', scopeRef: '310117001000' }))
      .toMatchObject({ ok: true })
  })
})

describe('first start', () => {
  it('an empty installation needs its administrator; setup works once and logs in', () => {
    const status = core.callWithSession(hub(), 'auth.status', {}).result
    expect(status).toMatchObject({ ok: true, data: { needsSetup: true, user: null } })
    const first = core.callWithSession(hub(), 'auth.setup', { username: 'boss', displayName: '王站长', password: 'First2026' })
    expect(first.result).toMatchObject({ ok: true, data: { username: 'boss', roles: ['admin'] } })
    expect(core.callWithSession(hub(first.token!), 'auth.status', {}).result).toMatchObject({ ok: true, data: { needsSetup: false, user: { name: '王站长', scopeName: '全区' } } })
    const again = core.callWithSession(hub(), 'auth.setup', { username: 'evil', displayName: 'x', password: 'Evil20266' })
    expect(again.result).toMatchObject({ ok: false, error: { code: 'SETUP_DONE' } })
  })

  it('without a session only the public methods answer', () => {
    expect(core.callWithSession(hub(), 'system.info', {}).result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
    expect(core.callWithSession(hub('forged-token'), 'system.info', {})).toMatchObject({ result: { ok: false }, token: null })
  })

  it('logout ends the session', () => {
    addUser('wang')
    const { token } = loginAs('wang', 'Start1234')
    expect(core.callWithSession(hub(token), 'auth.logout', {})).toMatchObject({ result: { ok: true }, token: null })
    expect(sessionActor(core.db, token!)).toBeNull()
  })
})

it('AppError is what services throw', () => expect(new AppError('LOGIN_FAILED').toWire('en').message).toBe('Wrong user name or password'))
