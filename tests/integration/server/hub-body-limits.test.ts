/**
 * Issue 20, item 4: anonymous requests cannot fill the hub's memory. Over real HTTP on 127.0.0.1: an anonymous
 * upload announcing 400 MB is answered 401 after the server has read a few bytes of it (the client never has to
 * send the rest); a binary body anywhere but the backup upload is 415 before it is read; a body over 8 MB on any
 * other route is 413 from its announced length.
 */
import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createHub, type Hub } from '../../../server/hub'

let hub: Hub
let port: number
let dataDir: string
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-limits-'))
  hub = await createHub({ dataDir, seed: 'reference', today: () => '2026-06-01', dailyBackups: false })
  await hub.app.listen({ port: 0, host: '127.0.0.1' })
  port = (hub.app.server.address() as { port: number }).port
})
afterAll(async () => {
  await hub.app.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/**
 * Sends the headers announcing `announced` bytes, then at most `send` bytes, and waits for the answer: the status,
 * and how many bytes had been written when it came (the server answered without waiting for the rest).
 */
function announce(url: string, type: string, announced: number, send: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0
    const req = http.request({ host: '127.0.0.1', port, path: url, method: 'POST', headers: { 'content-type': type, 'content-length': String(announced), ...headers } }, (res) => {
      let body = ''
      res.on('data', (c) => { body += c })
      res.on('end', () => { req.destroy(); resolve({ status: res.statusCode ?? 0, body, written }) })
    })
    req.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e) })
    const chunk = Buffer.alloc(64 * 1024, 1)
    const pump = () => {
      while (written < send) {
        written += chunk.length
        if (!req.write(chunk)) { req.once('drain', pump); return }
      }
    }
    pump()
  })
}

describe('bodies are limited before authentication', () => {
  it('an anonymous backup upload announcing 400 MB is answered 401 without the body being read', async () => {
    const r = await announce('/api/backup.upload', 'application/octet-stream', 400 * 1024 * 1024, 1024 * 1024, { 'x-csrf-token': 'a', cookie: 'reserve_csrf=a' })
    expect(r.status).toBe(401)
    expect(JSON.parse(r.body).error.code).toBe('UNAUTHENTICATED')
    expect(r.written).toBeLessThanOrEqual(1024 * 1024)
  })

  it('without the CSRF pair the upload is refused the same way (403) before its body', async () => {
    const r = await announce('/api/backup.upload', 'application/octet-stream', 400 * 1024 * 1024, 256 * 1024)
    expect(r.status).toBe(403)
  })

  it.each(['/api/stock.receive', '/api/auth.login', '/sync'])('a binary body on %s is refused (415) before it is read', async (url) => {
    const r = await announce(url, 'application/octet-stream', 400 * 1024 * 1024, 256 * 1024)
    expect(r.status).toBe(415)
  })

  it.each(['/api/stock.receive', '/sync'])('a JSON body announced over 8 MB on %s is 413 from its length', async (url) => {
    const r = await announce(url, 'application/json', 400 * 1024 * 1024, 256 * 1024)
    expect(r.status).toBe(413)
  })
})
