/**
 * The IPC api handler refuses untrusted senders and unknown methods before the core sees them, and answers a valid
 * call through a real core on a fresh data folder (the desktop data module, with Electron's app object mocked).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const electron = vi.hoisted(() => ({
  app: { getPath: vi.fn(() => '/nonexistent/userData'), getAppPath: vi.fn(() => ''), isPackaged: false },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
}))
vi.mock('electron', () => ({ app: electron.app, ipcMain: electron.ipcMain }))

import type { Core } from '../../../core/app'
import { dataFolder, desktopSeed, openDesktopData, type DesktopData } from '../../../electron/main/data'
import { makeApiHandler, registerApi } from '../../../electron/main/ipc'
import { trustedPageUrl } from '../../../electron/main/origin'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-ipc-'))
let data: DesktopData
let core: Core
const calls: Array<[string, unknown]> = []

beforeAll(() => {
  electron.app.getAppPath.mockReturnValue(repoRoot)
  process.env.RESERVE_DATA_DIR = dataDir
  // an empty desktop folder asks on the first-run page (issue 19); these tests start it on the demo, as a user may
  process.env.RESERVE_SEED = 'demo'
  data = openDesktopData()
  const real = data.core
  // count what reaches the core, so each guard is shown to stop a call before it does
  core = { ...real, callWithSession: (sn, m, i, l) => (calls.push([m, i]), real.callWithSession(sn, m, i, l)) }
})

afterAll(() => {
  data?.holder.close()
  delete process.env.RESERVE_DATA_DIR
  delete process.env.RESERVE_SEED
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const fromApp = { senderFrame: { url: 'app://app/index.html' } }
/** A handler whose desktop session is signed in as the demo administrator (as after the login page). */
const handlerFor = (devUrl?: string, signIn = true) => {
  const handler = makeApiHandler(core, trustedPageUrl(devUrl))
  if (signIn) {
    const from = { senderFrame: { url: devUrl ?? 'app://app/index.html' } }
    const r = handler(from, { method: 'auth.login', input: { username: 'admin', password: 'Admin2026' }, lang: 'zh' })
    if (!r.ok) throw new Error(r.error.message)
  }
  return handler
}

describe('desktop data folder', () => {
  it('is RESERVE_DATA_DIR when set, holding reserve.db', () => {
    expect(dataFolder()).toBe(dataDir)
    expect(data.file).toBe(path.join(dataDir, 'reserve.db'))
    expect(fs.existsSync(data.file)).toBe(true)
  })

  it('an empty folder asks on the first-run page unless RESERVE_SEED chooses (it always seeded the demo before)', () => {
    expect(desktopSeed(undefined)).toBe('ask')
    expect(desktopSeed('')).toBe('ask')
    expect(desktopSeed('demo')).toBe('demo')
    expect(desktopSeed(' new:310115 ')).toBe('new:310115')
    expect(desktopSeed('new:3101')).toBe('ask')
    expect(data.core.replicaId).toMatch(/-demo$/) // this suite's RESERVE_SEED=demo: a demo, marked
  })

  it("is the app's userData folder otherwise", () => {
    const saved = process.env.RESERVE_DATA_DIR
    delete process.env.RESERVE_DATA_DIR
    try {
      expect(dataFolder()).toBe('/nonexistent/userData')
      expect(electron.app.getPath).toHaveBeenCalledWith('userData')
    } finally {
      process.env.RESERVE_DATA_DIR = saved
    }
  })
})

describe('api:call handler', () => {
  it('refuses a sender that is not our page, without reaching the core', () => {
    const handler = handlerFor()
    calls.length = 0
    for (const event of [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/x.html' } },
      { senderFrame: { url: 'app://evil/index.html' } },
      { senderFrame: { url: 'http://localhost:5173/' } },
      { senderFrame: null },
    ]) {
      const result = handler(event, { method: 'system.info', input: {}, lang: 'en' })
      expect(result.ok, JSON.stringify(event)).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('FORBIDDEN')
    }
    expect(calls).toEqual([])
  })

  it('trusts the localhost dev server only when it was accepted', () => {
    const result = handlerFor('http://localhost:5173/')({ senderFrame: { url: 'http://localhost:5173/' } }, { method: 'system.info', input: {}, lang: 'zh' })
    expect(result.ok).toBe(true)
  })

  it('refuses a method that is not in the contract, without reaching the core', () => {
    const handler = handlerFor()
    calls.length = 0
    for (const method of ['system.exec', 'constructor', '__proto__', 'toString']) {
      const result = handler(fromApp, { method, input: {}, lang: 'zh' })
      expect(result.ok, method).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('UNKNOWN_METHOD')
        expect(result.error.message).toContain('没有名为')
      }
    }
    expect(calls).toEqual([])
  })

  it('refuses a malformed message', () => {
    const handler = handlerFor()
    calls.length = 0
    for (const message of [undefined, null, 'system.info', { method: 42 }, { input: {} }]) {
      const result = handler(fromApp, message)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('VALIDATION')
    }
    expect(calls).toEqual([])
  })

  it('answers a valid call from our page through the core, seeded with the Songjiang demo', () => {
    const tree = handlerFor()(fromApp, { method: 'network.tree', input: {}, lang: 'zh' })
    expect(tree.ok).toBe(true)
    expect(JSON.stringify(tree)).toContain('松江')
    const info = handlerFor()(fromApp, { method: 'system.info', input: {}, lang: 'zh' })
    expect(info.ok).toBe(true)
  })

  it('lets the core validate the input with zod, in the caller’s language', () => {
    const result = handlerFor()(fromApp, { method: 'stock.fefo', input: { siteId: 'x', itemId: 'y', quantity: -1 }, lang: 'en' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION')
      expect(result.error.field).toBe('quantity')
      expect(result.error.message).toMatch(/quantity/)
    }
  })

  it('keeps the session in main: before login only the login answers, the answer holds no token, logout ends it', () => {
    const handler = handlerFor(undefined, false)
    expect(handler(fromApp, { method: 'stock.balances', input: {}, lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const login = handler(fromApp, { method: 'auth.login', input: { username: 'keeper.yueyang', password: 'Keeper2026' }, lang: 'zh' })
    expect(login).toMatchObject({ ok: true, data: { username: 'keeper.yueyang', roles: ['keeper'] } })
    const tokens = (data.core.db.$client.prepare("SELECT count(*) AS n FROM sessions WHERE client = 'desktop'").get() as { n: number }).n
    expect(tokens).toBeGreaterThan(0)
    expect(Object.keys((login as { data: object }).data)).not.toContain('token')
    expect(handler(fromApp, { method: 'auth.status', input: {}, lang: 'zh' })).toMatchObject({ ok: true, data: { user: { username: 'keeper.yueyang', scopeName: '岳阳街道' } } })
    // the keeper's scope holds through IPC too
    expect(handler(fromApp, { method: 'stock.balances', input: { siteId: 'S-310117002000' }, lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(handler(fromApp, { method: 'auth.logout', input: {}, lang: 'zh' })).toMatchObject({ ok: true })
    expect(handler(fromApp, { method: 'stock.balances', input: {}, lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('is registered once, on api:call (and backup:saveAs and print:toPdf, which take no path)', () => {
    const remove = registerApi(core, trustedPageUrl())
    expect(electron.ipcMain.handle).toHaveBeenCalledTimes(3)
    expect(electron.ipcMain.handle.mock.calls.map((c) => c[0])).toEqual(['api:call', 'backup:saveAs', 'print:toPdf'])
    remove()
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith('api:call')
  })
})
