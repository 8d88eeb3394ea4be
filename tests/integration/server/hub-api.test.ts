/**
 * The contract over HTTP: every method is described and validated at the boundary; malformed input is answered
 * {"ok":false} with a 4xx naming the field; a real posting round-trips.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { createHub, type Hub } from '../../../server/hub'
import { contract, methodNames, type MethodSpec } from '../../../core/api/contract'
import { handlers } from '../../../core/api/handlers'
import { hubSession } from '../../helpers/hub'

let hub: Hub
let dataDir: string
let session: Awaited<ReturnType<typeof hubSession>>

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-hub-'))
  hub = await createHub({ dataDir, seed: 'demo', today: () => '2026-11-29' })
  session = await hubSession(hub.app, 'admin', 'Admin2026')
})
afterAll(async () => {
  await hub.app.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

// as the demo's administrator, with the session cookie and the CSRF header a page sends
const post = (method: string, body: unknown, headers: Record<string, string> = {}) => session.post(method, body, headers)

/** A value of the wrong type for a JSON-schema property. */
function wrongValue(schema: { type?: string | string[] }): unknown {
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type
  return t === 'string' ? 12345 : t === 'number' || t === 'integer' ? 'abc' : t === 'array' ? 'not a list' : t === 'boolean' ? 'yes' : 12345
}

describe('the contract', () => {
  it('every method has a schema, a summary, declared roles and scope, and a handler', () => {
    expect(methodNames.length).toBeGreaterThan(5)
    for (const name of methodNames) {
      const spec = contract[name] as MethodSpec
      expect(spec.input, name).toBeInstanceOf(z.ZodType)
      expect(spec.summary.length, name).toBeGreaterThan(3)
      expect(Array.isArray(spec.roles), name).toBe(true)
      expect(['none', 'site', 'document', 'stocktake', 'transfer', 'district', 'place']).toContain(spec.scope.kind)
      expect(typeof handlers[name], name).toBe('function')
    }
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort())
  })

  it('GET /api/openapi.json describes every method with its input schema', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    for (const name of methodNames) {
      const op = doc.paths[`/api/${name}`]?.post
      expect(op, name).toBeDefined()
      expect(op.requestBody.content['application/json'].schema.type).toBe('object')
    }
    expect(doc.paths['/api/stock.receive'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['siteId', 'lines']))
  })

  for (const name of methodNames) {
    it(`${name}: malformed input is answered ok:false with a 4xx naming the field`, async () => {
      const notAnObject = await post(name, [1, 2, 3])
      expect(notAnObject.statusCode).toBe(400)
      expect(notAnObject.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      const schema = z.toJSONSchema((contract[name] as MethodSpec).input, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string }> }
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        if (!prop.type) continue
        const res = await post(name, { [field]: wrongValue(prop) })
        expect(res.statusCode, `${name}.${field}`).toBe(400)
        const body = res.json()
        expect(body.ok).toBe(false)
        expect(typeof body.error.message).toBe('string')
        expect(body.error.field, `${name}.${field}: ${body.error.message}`).toBeDefined()
      }
    })
  }

  it('names the row and field of a bad line, in Chinese by default and English on request', async () => {
    const body = { id: 'http-doc-0001', siteId: 'S-310117001000', docDate: '2026-11-29', lines: [{ itemId: 'SH-001', lotNo: 'A', quantity: 1 }, { itemId: 'SH-001', lotNo: 'B', quantity: 'ten' }] }
    const zh = await post('stock.receive', body)
    expect(zh.statusCode).toBe(400)
    expect(zh.json().error).toEqual({ code: 'VALIDATION', message: '第 2 行 数量：格式不正确', field: 'quantity', row: 2 })
    const en = await post('stock.receive', body, { 'x-lang': 'en' })
    expect(en.json().error.message).toBe('Line 2, quantity: must be a number')
  })

  it('answers an unknown method with 404 and a body that is not JSON with 400', async () => {
    const unknown = await post('stock.dropTable', {})
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    const garbage = await hub.app.inject({ method: 'POST', url: '/api/stock.receive', payload: '{not json', headers: { ...session.headers(), 'content-type': 'application/json' } })
    expect(garbage.statusCode).toBe(400)
    expect(garbage.json().ok).toBe(false)
  })

  it('receives stock over HTTP and the balance shows it; an over-issue is 409 and changes nothing', async () => {
    const site = 'S-310117001000'
    const receipt = await post('stock.receive', {
      id: 'http-doc-0002', siteId: site, docDate: '2026-11-29',
      lines: [{ itemId: 'SH-001', lotNo: 'HTTP-TENT-1', expiryDate: '2036-01-01', quantity: 100 }],
    })
    expect(receipt.statusCode).toBe(200)
    expect(receipt.json().data.docNo).toMatch(/^RK20261129-/)
    const page = (await post('stock.balances', { siteId: site, search: 'HTTP-TENT-1', limit: 10 })).json().data
    expect(page.total).toBe(1)
    expect(page.rows[0]).toMatchObject({ itemName: '帐篷', unit: '顶', lotNo: 'HTTP-TENT-1', quantity: 100, expiryDate: '2036-01-01' })
    const lotId = page.rows[0].lotId
    const over = await post('stock.issue', { id: 'http-doc-0003', siteId: site, docDate: '2026-11-29', lines: [{ itemId: 'SH-001', lotId, quantity: 101 }] })
    expect(over.statusCode).toBe(409)
    expect(over.json().error.message).toContain('库存不足')
    const after = (await post('stock.balances', { siteId: site, search: 'HTTP-TENT-1', limit: 10 })).json().data
    expect(after.rows[0].quantity).toBe(100)
  })
})

describe('the demo network', () => {
  it('is Songjiang with 20 street/town units and 386 communities (383 counted: three are NBS placeholders), coverage below 100%', async () => {
    const tree = (await post('network.tree', {})).json().data
    expect(tree.district).toEqual({ code: '310117000000', name: '松江区' })
    expect(tree.streets).toHaveLength(20)
    expect(tree.streets.flatMap((s: { communities: unknown[] }) => s.communities)).toHaveLength(386)
    expect(tree.totals.communities).toBe(386)
    expect(tree.totals.counted).toBe(383)
    expect(tree.totals.covered).toBeGreaterThan(200)
    expect(tree.totals.covered).toBeLessThan(383)
    expect(tree.districtSites.map((s: { name: string }) => s.name)).toContain('松江区救灾物资储备库')
    expect(tree.streets.every((s: { sites: unknown[] }) => s.sites.length === 1)).toBe(true)
  })

  it('has stock with some lots expired and some within 30 days', async () => {
    const expired = (await post('stock.balances', { expiry: 'expired', limit: 1 })).json().data.total
    const near = (await post('stock.balances', { expiry: 'near30', limit: 1 })).json().data.total
    const all = (await post('stock.balances', { limit: 1 })).json().data.total
    expect(expired).toBeGreaterThan(0)
    expect(near).toBeGreaterThan(0)
    expect(all).toBeGreaterThan(expired + near)
  })
})
