/** app:// serves only files inside the renderer folder, each with the CSP header. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({
  net: { fetch: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
}))

import { protocol } from 'electron'
import { makeAppProtocolHandler, registerAppScheme, resolveRendererFile } from '../../../electron/main/protocol'

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-protocol-'))
const rendererDir = path.join(base, 'renderer')
fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>应急物资储备网络</title>')
fs.writeFileSync(path.join(rendererDir, 'assets', 'index.js'), 'console.log(1)')
// a secret beside the renderer folder, which a traversal would reach
fs.writeFileSync(path.join(base, 'secret.txt'), 'secret')

afterAll(() => fs.rmSync(base, { recursive: true, force: true }))

/** Stands in for net.fetch on file:// URLs, and records every file asked for. */
const fetched: string[] = []
const fetchFile = async (fileUrl: string) => {
  const file = fileURLToPath(fileUrl)
  fetched.push(file)
  return new Response(fs.readFileSync(file))
}
const handler = makeAppProtocolHandler(rendererDir, fetchFile)
const get = (url: string, method = 'GET') => handler({ url, method })

beforeEach(() => {
  fetched.length = 0
})

const outside = (file: string) => path.relative(rendererDir, file).startsWith('..')

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    registerAppScheme()
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ])
  })

  it('serves index.html and assets from the renderer folder, with the CSP and a content type', async () => {
    const res = await get('app://app/index.html')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('应急物资储备网络')
    expect(res.headers.get('content-type')).toContain('text/html')
    const csp = res.headers.get('content-security-policy')
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')

    const root = await get('app://app/')
    expect(root.status).toBe(200)
    const js = await get('app://app/assets/index.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toContain('javascript')
  })

  it('refuses path traversal, plain or percent-encoded, without reading any file outside', async () => {
    for (const url of [
      'app://app/../../etc/passwd',
      'app://app/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://app/..%2fsecret.txt',
      'app://app/assets/..%2f..%2fsecret.txt',
      'app://app/%2e%2e%2fsecret.txt',
      'app://app/..%5csecret.txt',
    ]) {
      const res = await get(url)
      expect(res.status, url).toBeGreaterThanOrEqual(400)
      expect(await res.text(), url).not.toContain('secret')
      expect(res.headers.get('content-security-policy'), url).toBeTruthy()
    }
    expect(fetched.filter(outside)).toEqual([])
    expect(resolveRendererFile(rendererDir, 'app://app/..%2fsecret.txt')).toBeUndefined()
    expect(resolveRendererFile(rendererDir, 'app://app/..%2f..%2f..%2fetc%2fpasswd')).toBeUndefined()
  })

  it('refuses other hosts, NUL bytes, malformed escapes and non-GET methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403)
    expect((await get('app://app/index.html%00.png')).status).toBe(403)
    expect((await get('app://app/%E0%A4%A')).status).toBe(403)
    expect((await get('app://app/index.html', 'POST')).status).toBe(405)
    expect(fetched).toEqual([])
  })

  it('answers 404 for a missing file', async () => {
    expect((await get('app://app/nope.js')).status).toBe(404)
  })
})
