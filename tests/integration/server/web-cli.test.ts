/**
 * `npm run web` as a new user runs it: it builds the UI when there is none, seeds a fresh data folder, prints the
 * address, serves the UI and the api there, and stops cleanly; a wrong port is a sentence, not a stack trace.
 */
import { describe, it, expect } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.join(__dirname, '..', '..', '..')
const MAIN = path.join(ROOT, 'server', 'main.ts')

describe('npm run web', () => {
  it('builds the UI, seeds the data folder, prints the URL and serves UI and api', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-web-'))
    const ui = path.join(tmp, 'ui')
    const data = path.join(tmp, 'data')
    const port = 5191
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data', data, '--port', String(port), '--init', 'demo'], {
      cwd: ROOT, env: { ...process.env, RESERVE_UI_DIR: ui }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (b: Buffer) => { output += b.toString() })
    child.stderr.on('data', (b: Buffer) => { output += b.toString() })
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => { if (output.includes(`http://127.0.0.1:${port}/`)) { clearInterval(timer); resolve() } }, 100)
        child.on('exit', (code) => { clearInterval(timer); reject(new Error(`exited ${code}: ${output}`)) })
      })
      expect(output).toContain('正在构建界面')
      expect(fs.existsSync(path.join(ui, 'index.html'))).toBe(true)
      expect(fs.existsSync(path.join(data, 'reserve.db'))).toBe(true)
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text()
      expect(page).toContain('<div id="root">')
      expect(page).toMatch(/<title>[^<]*应急物资储备网络/)
      // As the browser does: the page's GET sets the CSRF cookie; log in with a demo account; then call the api.
      const base = `http://127.0.0.1:${port}`
      const csrf = /reserve_csrf=([^;]+)/.exec((await fetch(`${base}/`)).headers.get('set-cookie') ?? '')?.[1]
      expect(csrf).toBeTruthy()
      const post = (method: string, body: unknown, cookie: string) => fetch(`${base}/api/${method}`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf!, cookie }, body: JSON.stringify(body),
      })
      const anonymous = await post('network.tree', {}, `reserve_csrf=${csrf}`)
      expect(anonymous.status).toBe(401)
      const login = await post('auth.login', { username: 'admin', password: 'Admin2026' }, `reserve_csrf=${csrf}`)
      expect(login.status).toBe(200)
      const sid = /reserve_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]
      const tree = await (await post('network.tree', {}, `reserve_csrf=${csrf}; reserve_sid=${sid}`)).json() as { ok: boolean; data: { totals: { communities: number } } }
      expect(tree.ok).toBe(true)
      expect(tree.data.totals.communities).toBe(386)
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.on('exit', r))
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }, 120_000)

  it('refuses a wrong port with one sentence and exit code 2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--port', 'abc'], { cwd: ROOT, encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe('端口号不正确：abc（应为 1–65535 的整数） / invalid port: abc (a whole number 1–65535)')
  })
})
