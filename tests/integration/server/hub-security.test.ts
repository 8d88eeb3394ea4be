/**
 * The hub's guards, as a browser or an attacker meets them: nothing without a session, CSRF refused, the login
 * rate limit, an oversized body refused, no path traversal out of the UI folder, cookies and security headers.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { createHub, type Hub } from '../../../server/hub'
import { hubSession } from '../../helpers/hub'
import { count } from '../../helpers/core'

let hub: Hub
let root: string
const SECRET = 'top-secret-content-7f3a'

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hubsec-'))
  const ui = path.join(root, 'ui')
  fs.mkdirSync(ui)
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>app</title>')
  fs.writeFileSync(path.join(root, 'secret.txt'), SECRET)
  hub = await createHub({ dataDir: path.join(root, 'data'), rendererDir: ui, seed: 'demo', today: () => '2026-11-29', loginRateLimit: { max: 3, timeWindow: 60_000 } })
})
afterAll(async () => {
  await hub.app.close()
  fs.rmSync(root, { recursive: true, force: true })
})

const receipt = () => ({ id: randomUUID(), siteId: 'S-310117001000', docDate: '2026-11-29', lines: [{ itemId: 'SH-001', lotNo: 'SEC', quantity: 1 }] })

describe('sessions', () => {
  it('no state-changing call without a session: 401, nothing written', async () => {
    const anon = await hubSession(hub.app)
    const before = count(hub.core, 'documents')
    const res = await anon.post('stock.receive', receipt())
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
    expect(count(hub.core, 'documents')).toBe(before)
    // reads need one too
    expect((await anon.post('stock.balances', {})).statusCode).toBe(401)
  })

  it('a login sets an httpOnly SameSite=Strict session cookie; the body holds no token; logout ends it', async () => {
    const s = await hubSession(hub.app)
    const res = await s.post('auth.login', { username: 'keeper.yueyang', password: 'Keeper2026' })
    expect(res.statusCode).toBe(200)
    const cookie = res.cookies.find((c) => c.name === 'reserve_sid')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' })
    expect(res.body).not.toContain(cookie.value)
    expect(res.json().data).toMatchObject({ username: 'keeper.yueyang', roles: ['keeper'] })
    expect((await s.post('stock.receive', receipt())).statusCode).toBe(200)
    const out = await s.post('auth.logout', {})
    expect(out.statusCode).toBe(200)
    expect((await s.post('stock.balances', {})).statusCode).toBe(401)
  })

  it('a keeper of one street is refused at another street\'s site (403, with the reason)', async () => {
    const s = await hubSession(hub.app, 'keeper.yueyang', 'Keeper2026')
    const res = await s.post('stock.receive', { ...receipt(), siteId: 'S-310117002000' })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.message).toBe('无权执行此操作（不在管辖范围内）')
  })
})

describe('CSRF', () => {
  it('a call without the CSRF header, or with a wrong one, is refused even with a valid session', async () => {
    const s = await hubSession(hub.app, 'admin', 'Admin2026')
    const before = count(hub.core, 'documents')
    const noHeader = await hub.app.inject({ method: 'POST', url: '/api/stock.receive', payload: receipt(), headers: { cookie: s.headers().cookie } })
    expect(noHeader.statusCode).toBe(403)
    expect(noHeader.json()).toMatchObject({ ok: false, error: { code: 'CSRF' } })
    const wrong = await s.post('stock.receive', receipt(), { 'x-csrf-token': 'forged' })
    expect(wrong.statusCode).toBe(403)
    expect(count(hub.core, 'documents')).toBe(before)
    expect((await s.post('stock.receive', receipt())).statusCode).toBe(200)
  })
})

describe('login rate limit', () => {
  it('after the allowed number of attempts from one address even the right password gets 429', async () => {
    const s = await hubSession(hub.app)
    // earlier tests logged in from the same address; keep going until the limit answers
    const codes: number[] = []
    for (let i = 0; i < 4; i++) codes.push((await s.post('auth.login', { username: 'planner', password: 'Wrong0000' })).statusCode)
    expect(codes).toContain(429)
    const right = await s.post('auth.login', { username: 'planner', password: 'Plan2026' })
    expect(right.statusCode).toBe(429)
    expect(right.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '尝试次数过多，请一分钟后再试' } })
  })
})

describe('request limits and static files', () => {
  it('a body over 8 MB is refused with 413 before it reaches the api', async () => {
    const s = await hubSession(hub.app)
    const res = await s.post('stock.receive', { ...receipt(), reason: 'x'.repeat(9 * 1024 * 1024) })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } })
  })

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/../../secret.txt', '/..%5csecret.txt'])(
    'path traversal %s does not leave the UI folder', async (url) => {
      const res = await hub.app.inject({ method: 'GET', url })
      expect(res.body).not.toContain(SECRET)
    })

  it('every answer carries the security headers; pages get a CSRF cookie', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.cookies.find((c) => c.name === 'reserve_csrf')).toMatchObject({ sameSite: 'Strict' })
  })
})

describe('an empty installation', () => {
  it('asks for its first administrator, then needs a login', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hubsec-empty-'))
    const empty = await createHub({ dataDir: dir, seed: 'reference' })
    try {
      const s = await hubSession(empty.app)
      expect((await s.post('auth.status', {})).json().data).toEqual({ needsSetup: true, user: null })
      const setup = await s.post('auth.setup', { username: 'chief', displayName: '李科长', password: 'Chief2026' })
      expect(setup.statusCode).toBe(200)
      expect((await s.post('auth.status', {})).json().data).toMatchObject({ needsSetup: false, user: { name: '李科长', roles: ['admin'] } })
      const other = await hubSession(empty.app)
      expect((await other.post('auth.setup', { username: 'x2', displayName: 'x', password: 'Xx123456' })).json().error.code).toBe('SETUP_DONE')
    } finally {
      await empty.app.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
