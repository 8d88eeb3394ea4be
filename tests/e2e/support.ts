/** Test data shared by the specs, and a direct api call for setting up stock a test then looks at through the UI. */
import { expect, type APIRequestContext } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/** The signed-in administrator's cookies on one lane's hub, written by setup/login.setup.ts and used by that lane's specs. */
export const adminState = (lane: string) => path.join(__dirname, '..', '..', 'test-results', 'e2e-auth', `admin-${lane}.json`)

/** The hub wants every api call to repeat its CSRF cookie in a header, as the page does. */
async function csrf(request: APIRequestContext): Promise<Record<string, string>> {
  const cookie = (await request.storageState()).cookies.find((c) => c.name === 'reserve_csrf')
  return cookie ? { 'x-csrf-token': cookie.value } : {}
}

export const YUEYANG_DEPOT = '岳阳街道应急物资储备库'
export const YUEYANG_DEPOT_ID = 'S-310117001000'
export const TENT = { id: 'SH-001', search: 'SH-001', label: 'SH-001 帐篷' }

/** A lot number no other run or test has used, so the balance of that lot is exactly what the test put there. */
export const freshLot = (prefix: string) => `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`

export async function receiveViaApi(request: APIRequestContext, siteId: string, lines: Array<{ itemId: string; lotNo: string; expiryDate?: string; quantity: number }>) {
  const res = await request.post('api/stock.receive', {
    headers: await csrf(request),
    // tests bring lots in already expired on purpose (the receipt page's own check: receipt.spec.ts)
    data: { id: randomUUID(), siteId, docDate: '2026-01-05', subtype: '采购入库', acceptExpired: true, lines },
  })
  const body = await res.json()
  expect(body.ok, JSON.stringify(body)).toBe(true)
  return body.data as { docNo: string }
}

/** An api call as the signed-in user; `base` = another hub than the lane's (e.g. a second installation). */
export async function apiCall<T>(request: APIRequestContext, method: string, input: unknown, base?: string): Promise<T> {
  const body = await (await request.post(`${base ? `${base}/` : ''}api/${method}`, { data: input, headers: await csrf(request) })).json()
  expect(body.ok, JSON.stringify(body)).toBe(true)
  return body.data as T
}

/**
 * A second installation for a spec: its own hub process on `port` (tests/e2e/start-hub.ts, a brand-new data folder of
 * its own), ready once it answers /healthz. One node process (no npx wrapper), so SIGTERM reaches the hub and it
 * removes its data folder.
 */
export async function startSecondHub(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const hub = spawn(process.execPath, ['--import', 'tsx', 'tests/e2e/start-hub.ts', String(port)], { stdio: 'ignore', env: { ...process.env, ...env } })
  await expect.poll(async () => {
    try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).status } catch { return 0 }
  }, { timeout: 150_000, intervals: [500] }).toBe(200)
  return hub
}

/**
 * An active community point, the `nth` or the next after it, where no stocktake is open: posting at a site being
 * counted asks a question first (OpenCountWarning), and another spec of the lane may have left a count open there.
 */
export async function quietCommunity(request: APIRequestContext, nth: number): Promise<{ id: string; name: string; tier: string; status: string }> {
  const sites = (await apiCall<Array<{ id: string; name: string; tier: string; status: string }>>(request, 'network.sites', {}))
    .filter((s) => s.tier === 'community' && s.status === 'active')
  for (const s of sites.slice(nth)) if (!(await apiCall<unknown>(request, 'stocktake.openAt', { siteId: s.id }))) return s
  throw new Error(`no community point without an open count from #${nth} on`)
}
