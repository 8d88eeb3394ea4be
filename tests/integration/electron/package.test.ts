/**
 * The desktop package, assembled here without the Electron download: electron-builder with a stand-in Electron
 * folder (`electronDist`) and no native rebuild, as on any machine that cannot reach the Electron mirror. Checks
 * what an installer would carry: the bundles, the migrations and resources inside app.asar, the native module
 * unpacked beside it, and app-update.yml pointing at the configured hub.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import asar from '@electron/asar'
import { APP_VERSION } from '../../../core/system/version'

const ROOT = path.join(__dirname, '..', '..', '..')
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)
let out: string
const builderConfig = (): unknown => createRequire(__filename)(path.join(ROOT, 'electron-builder.config.cjs'))
let standIn: string

beforeAll(() => {
  execFileSync(bin('electron-vite'), ['build'], { cwd: ROOT, stdio: 'pipe' })
  standIn = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-dist-'))
  fs.mkdirSync(path.join(standIn, 'resources'))
  fs.writeFileSync(path.join(standIn, 'electron'), '#!/bin/sh\n', { mode: 0o755 })
  fs.writeFileSync(path.join(standIn, 'version'), '45.5.0')
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-dist-'))
  execFileSync(bin('electron-builder'), [
    '--config', 'electron-builder.config.cjs', '--dir', '--linux', '--x64',
    `-c.electronDist=${standIn}`, '-c.npmRebuild=false', `-c.directories.output=${out}`,
  ], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, RESERVE_UPDATE_URL: 'https://hub.example.test/updates/' } })
}, 300_000)

afterAll(() => {
  for (const d of [out, standIn]) if (d) fs.rmSync(d, { recursive: true, force: true })
})

describe('the desktop package', () => {
  it('app.asar holds the main, preload and renderer bundles, every migration and the reference data', () => {
    const files = new Set(asar.listPackage(path.join(out, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }))
    for (const f of ['/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html', '/package.json',
      '/db/migrations/meta/_journal.json', '/resources/catalogue.json', '/resources/regions/310117.json', '/resources/icon.png']) {
      expect(files.has(f), f).toBe(true)
    }
    const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
    for (const e of journal.entries) expect(files.has(`/db/migrations/${e.tag}.sql`), e.tag).toBe(true)
    // Renderer libraries are bundled by vite, so they are not shipped a second time as node_modules.
    expect([...files].some((f) => f.startsWith('/node_modules/antd/'))).toBe(false)
    expect([...files].some((f) => f.startsWith('/node_modules/react-dom/'))).toBe(false)
  })

  it('better_sqlite3.node is unpacked beside app.asar, without the C sources', () => {
    const unpacked = path.join(out, 'linux-unpacked', 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3')
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(true)
    expect(fs.existsSync(path.join(unpacked, 'deps'))).toBe(false)
  })

  it('app-update.yml points at the configured update feed', () => {
    const yml = fs.readFileSync(path.join(out, 'linux-unpacked', 'resources', 'app-update.yml'), 'utf8')
    expect(yml).toMatch(/^provider: generic$/m)
    expect(yml).toMatch(/^url: https:\/\/hub\.example\.test\/updates\/$/m)
  })

  it('the executable is named for the product and the version is the app version', () => {
    expect(fs.existsSync(path.join(out, 'linux-unpacked', 'reserve-network'))).toBe(true)
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; productName: string }
    expect(pkg.version).toBe(APP_VERSION)
    expect(pkg.productName).toBe('应急物资储备网络')
  })
})

describe('the installer configuration', () => {
  it('builds NSIS (Chinese, per-user or per-machine) for Windows and deb + AppImage for x64 and arm64 Linux', () => {
    const config = builderConfig() as Record<string, any>
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true, installerLanguages: ['zh_CN'] })
    expect(config.linux.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }, { target: 'AppImage', arch: ['x64', 'arm64'] }])
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**')
    expect(config.productName).toBe('应急物资储备网络')
  })

  it('carries this version\'s release notes from CHANGELOG.md', () => {
    const config = builderConfig() as { releaseInfo: { releaseNotes: string } }
    expect(config.releaseInfo.releaseNotes).toContain('入库单')
    const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')
    expect(changelog).toMatch(new RegExp(`^## ${APP_VERSION.replaceAll('.', '\\.')} — \\d{4}-\\d{2}-\\d{2}$`, 'm'))
  })
})
