/** The hub serves the desktop app's update feed from <data>/updates, and nothing outside it. */
import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub, isUpdateFileName, type Hub } from '../../../server/hub'

let hub: Hub
let dataDir: string
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-upd-'))
  hub = await createHub({ dataDir, seed: 'none' })
  fs.writeFileSync(path.join(dataDir, 'updates', 'latest.yml'), 'version: 0.2.0\npath: reserve-setup-0.2.0.exe\nsha512: abc\n')
  fs.writeFileSync(path.join(dataDir, 'updates', 'reserve-setup-0.2.0.exe'), Buffer.alloc(4096, 7))
  fs.writeFileSync(path.join(dataDir, 'updates', '.secret'), 'no')
  fs.writeFileSync(path.join(dataDir, 'outside.txt'), 'outside the updates folder')
})
afterAll(async () => { await hub.app.close(); fs.rmSync(dataDir, { recursive: true, force: true }) })

describe('update feed', () => {
  it('serves latest.yml and the installer as electron-updater asks for them (whole and by range)', async () => {
    const yml = await hub.app.inject({ method: 'GET', url: '/updates/latest.yml' })
    expect(yml.statusCode).toBe(200)
    expect(yml.body).toContain('version: 0.2.0')
    const exe = await hub.app.inject({ method: 'GET', url: '/updates/reserve-setup-0.2.0.exe' })
    expect(exe.statusCode).toBe(200)
    expect(exe.rawPayload.length).toBe(4096)
    const part = await hub.app.inject({ method: 'GET', url: '/updates/reserve-setup-0.2.0.exe', headers: { range: 'bytes=0-99' } })
    expect(part.statusCode).toBe(206)
    expect(part.rawPayload.length).toBe(100)
  })

  it('refuses traversal, dot-files and the data folder itself', async () => {
    for (const url of ['/updates/../outside.txt', '/updates/%2e%2e/outside.txt', '/updates/..%2foutside.txt', '/updates/%2e%2e%2freserve.db',
      '/updates/.secret', '/updates/', '/updates/sub/latest.yml', '/updates/..%5coutside.txt']) {
      const r = await hub.app.inject({ method: 'GET', url })
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(r.body, url).not.toContain('outside the updates folder')
      expect(r.body, url).not.toBe('no')
    }
  })

  it('takes only plain file names', () => {
    expect(isUpdateFileName('/latest.yml')).toBe(true)
    expect(isUpdateFileName('/应急物资储备网络 Setup 0.2.0.exe')).toBe(true)
    for (const bad of ['/', '/../x', '/a/b', '/.x', '/a\\b', '/x\u0000']) expect(isUpdateFileName(bad), bad).toBe(false)
  })
})
