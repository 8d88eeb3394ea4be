/**
 * The hub's answers on the wire: the UI's built files are sent compressed (the .br/.gz made at build time) and kept
 * by browsers by their hashed names; api answers over 1 KB are compressed; the daily backup starts only once the hub
 * listens, so the first answers never wait for a copy of the whole file.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { createHub, isHashedAsset, type Hub } from '../../../server/hub'
import { hubSession } from '../../helpers/hub'

let hub: Hub
let root: string
const script = `console.log(${JSON.stringify('应急物资'.repeat(2000))})\n`

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-compress-'))
  const ui = path.join(root, 'ui')
  fs.mkdirSync(path.join(ui, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>x</title>')
  const asset = path.join(ui, 'assets', 'index-AbCd1234.js')
  fs.writeFileSync(asset, script)
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(script))
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(script))
  hub = await createHub({ dataDir: path.join(root, 'data'), rendererDir: ui, seed: 'demo', today: () => '2026-11-29', dailyBackups: false })
}, 120_000)
afterAll(async () => {
  await hub.app.close()
  fs.rmSync(root, { recursive: true, force: true })
})

describe('compressed and cached', () => {
  it('a hashed asset: brotli when accepted, kept a year, the same bytes once decompressed', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i)
    expect(String(res.headers['content-type'])).toMatch(/javascript/)
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script)
  })

  it('gzip for a browser without brotli, the plain file for one without either', async () => {
    const gz = await hub.app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script)
    const plain = await hub.app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
  })

  it('the page itself is asked again each time (a new build is seen at once)', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('an api answer over 1 KB is compressed; a small one is not', async () => {
    const s = await hubSession(hub.app, 'admin', 'Admin2026')
    const big = await hub.app.inject({ method: 'POST', url: '/api/network.tree', payload: {}, headers: { ...s.headers(), 'accept-encoding': 'gzip' } })
    expect(big.statusCode).toBe(200)
    expect(big.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(zlib.gunzipSync(big.rawPayload).toString()).ok).toBe(true)
    const small = await hub.app.inject({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'gzip' } })
    expect(small.headers['content-encoding']).toBeUndefined()
  })

  it('names: only content-hashed files under assets/ are kept long', () => {
    expect(isHashedAsset('/ui/assets/index-InP7vy7o.js')).toBe(true)
    expect(isHashedAsset('/ui/assets/index-InP7vy7o.js.br')).toBe(true)
    expect(isHashedAsset('/ui/index.html')).toBe(false)
    expect(isHashedAsset('/ui/favicon.svg')).toBe(false)
  })
})

describe('the daily backup at start-up', () => {
  it('starts after the hub listens, not before', async () => {
    const dataDir = path.join(root, 'backup-data')
    const h = await createHub({ dataDir, seed: 'reference', today: () => '2026-11-29' })
    try {
      const backups = path.join(dataDir, 'backups')
      const made = () => fs.existsSync(backups) && fs.readdirSync(backups).includes('auto-2026-11-29.db')
      await h.app.ready()
      expect(made()).toBe(false)
      await h.app.listen({ port: 0, host: '127.0.0.1' })
      for (let i = 0; i < 600 && !made(); i++) await new Promise((r) => setTimeout(r, 50))
      expect(made()).toBe(true)
    } finally {
      await h.app.close()
    }
  }, 120_000)
})
