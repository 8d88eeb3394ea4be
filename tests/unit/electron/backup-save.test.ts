/**
 * 备份到文件 in the desktop app, with Electron mocked: the renderer only asks; main checks the caller, opens the save
 * dialog and backs up to the path chosen there. Cancelled → nothing written; a path sent by the renderer is ignored;
 * signed-out, non-administrator and untrusted callers never see a dialog.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const electron = vi.hoisted(() => ({
  app: { getPath: vi.fn(() => '/nonexistent/userData'), getAppPath: vi.fn(() => ''), isPackaged: false },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  dialog: { showSaveDialog: vi.fn() },
  BrowserWindow: { getFocusedWindow: vi.fn(() => null) },
}))
vi.mock('electron', () => electron)

import { openDesktopData, type DesktopData } from '../../../electron/main/data'
import { registerApi } from '../../../electron/main/ipc'
import { trustedPageUrl } from '../../../electron/main/origin'
import { checkBackup, liveFacts } from '../../../core/system/backup'
import { todayCst } from '../../../core/common/dates'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-save-'))
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-save-out-'))
let data: DesktopData

beforeAll(() => {
  electron.app.getAppPath.mockReturnValue(repoRoot)
  process.env.RESERVE_DATA_DIR = dataDir
  // an empty desktop folder asks on the first-run page (issue 19); these tests sign in to the demo's accounts
  process.env.RESERVE_SEED = 'demo'
  data = openDesktopData()
})
afterAll(() => {
  data?.holder.close()
  delete process.env.RESERVE_DATA_DIR
  delete process.env.RESERVE_SEED
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(outDir, { recursive: true, force: true })
})

const fromApp = { senderFrame: { url: 'app://app/index.html' } }
type Handler = (event: unknown, message: unknown) => any

/** Registers the handlers as main does; returns the api and save-backup handlers sharing one desktop session. */
function wire(): { api: Handler; save: Handler } {
  electron.ipcMain.handle.mockClear()
  registerApi(data.holder, trustedPageUrl())
  const by = Object.fromEntries(electron.ipcMain.handle.mock.calls.map(([channel, fn]) => [channel, fn as Handler]))
  expect(Object.keys(by).sort()).toEqual(['api:call', 'backup:saveAs', 'print:toPdf'])
  return { api: by['api:call'], save: by['backup:saveAs'] }
}
const login = (api: Handler, username: string, password: string) =>
  expect(api(fromApp, { method: 'auth.login', input: { username, password }, lang: 'zh' }).ok).toBe(true)

beforeEach(() => electron.dialog.showSaveDialog.mockReset())

describe('backup to a chosen file (desktop)', () => {
  it('an administrator picks a file in the save dialog and a consistent backup is written there', async () => {
    const { api, save } = wire()
    login(api, 'admin', 'Admin2026')
    const chosen = path.join(outDir, '我的备份.db')
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen })
    // a path in the message is not a thing main reads
    const decoy = path.join(outDir, 'from-renderer.db')
    const answer = await save(fromApp, { lang: 'zh', filePath: decoy, path: decoy })
    expect(answer).toMatchObject({ ok: true, data: { saved: true, name: '我的备份.db' } })
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledTimes(1)
    expect(electron.dialog.showSaveDialog.mock.calls[0][0]).toMatchObject({ defaultPath: `储备网络备份-${todayCst()}.db`, filters: [{ extensions: ['db'] }] })
    expect(fs.existsSync(decoy)).toBe(false)
    const check = checkBackup(chosen, liveFacts(data.core.db))
    expect(check.documents).toBe((data.core.db.$client.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n)
    const audit = api(fromApp, { method: 'audit.search', input: { action: 'backup.saveAs' }, lang: 'zh' })
    expect(audit.data.rows).toEqual([expect.objectContaining({ outcome: 'ok', entityId: '我的备份.db', actorName: '系统管理员' })])
    // no temporary file is left beside it
    expect(fs.readdirSync(outDir)).toEqual(['我的备份.db'])
  })

  it('cancelled: nothing is written', async () => {
    const { api, save } = wire()
    login(api, 'admin', 'Admin2026')
    const before = fs.readdirSync(outDir)
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' })
    expect(await save(fromApp, { lang: 'zh' })).toEqual({ ok: true, data: { saved: false } })
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: path.join(outDir, 'x.db') })
    expect(await save(fromApp, { lang: 'zh' })).toEqual({ ok: true, data: { saved: false } })
    expect(fs.readdirSync(outDir)).toEqual(before)
  })

  it('an existing file the person chose to replace is replaced whole', async () => {
    const { api, save } = wire()
    login(api, 'admin', 'Admin2026')
    const chosen = path.join(outDir, 'old.db')
    fs.writeFileSync(chosen, 'an old file')
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen })
    expect((await save(fromApp, { lang: 'zh' })).ok).toBe(true)
    expect(checkBackup(chosen, liveFacts(data.core.db)).district).toBe('310117000000')
  })

  it('signed out, not an administrator, or an untrusted page: refused before any dialog', async () => {
    const { api, save } = wire()
    expect(await save(fromApp, { lang: 'en' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    login(api, 'keeper.yueyang', 'Keeper2026')
    expect(await save(fromApp, { lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作（角色不符）' } })
    expect(await save({ senderFrame: { url: 'https://evil.example/' } }, { lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await save({ senderFrame: null }, { lang: 'zh' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled()
  })
})
