/** The desktop app checks the hub's feed and asks before downloading and before installing (electron mocked). */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EventEmitter } from 'node:events'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const mocks = vi.hoisted(() => ({ updater: null as unknown as EventEmitter & Record<string, any> }))
vi.mock('electron', () => ({}))
vi.mock('electron-updater', async () => {
  const { EventEmitter: E } = await import('node:events')
  mocks.updater = Object.assign(new E(), {
    setFeedURL: vi.fn(), checkForUpdates: vi.fn(), downloadUpdate: vi.fn(async () => []), quitAndInstall: vi.fn(),
    autoDownload: true, autoInstallOnAppQuit: true,
  })
  return { default: { autoUpdater: mocks.updater } }
})

import { checkForUpdatesAndAsk, configureUpdates, hubFeedUrl } from '../../../electron/main/updater'

const u = () => mocks.updater as EventEmitter & { [k: string]: ReturnType<typeof vi.fn> | boolean | unknown }
const fn = (k: string) => u()[k] as ReturnType<typeof vi.fn>
const flush = () => new Promise((r) => setTimeout(r, 0))
const window = { id: 1 } as never

beforeEach(() => vi.clearAllMocks())

describe('desktop updates', () => {
  it('follow the configured hub over https only, installing nothing on quit', () => {
    expect(hubFeedUrl('https://hub.songjiang.example/')).toBe('https://hub.songjiang.example/updates/')
    expect(hubFeedUrl(null)).toBeUndefined()
    expect(configureUpdates(hubFeedUrl('http://10.0.0.2:5180'))).toBe(false)
    expect(configureUpdates(hubFeedUrl('https://hub.songjiang.example'))).toBe(true)
    expect(fn('setFeedURL')).toHaveBeenCalledWith({ provider: 'generic', url: 'https://hub.songjiang.example/updates/' })
    expect(u().autoDownload).toBe(false)
    expect(u().autoInstallOnAppQuit).toBe(false)
  })

  it('asks before downloading, and downloads nothing when the user says later', async () => {
    const dialog = { showMessageBox: vi.fn(async () => ({ response: 1, checkboxChecked: false })) }
    await checkForUpdatesAndAsk(dialog, () => window)
    expect(fn('checkForUpdates')).toHaveBeenCalled()
    u().emit('update-available', { version: '0.2.0', releaseNotes: '<p>盘点支持盲盘</p>' })
    await flush()
    expect(dialog.showMessageBox).toHaveBeenCalledWith(window, expect.objectContaining({
      message: '应急物资储备网络有新版本 0.2.0，是否下载？', detail: '盘点支持盲盘', buttons: ['下载并安装', '以后再说'],
    }))
    expect(fn('downloadUpdate')).not.toHaveBeenCalled()
  })

  it('downloads when accepted, then asks again before restarting to install', async () => {
    const answers = [0, 1, 0]
    const dialog = { showMessageBox: vi.fn(async () => ({ response: answers.shift()!, checkboxChecked: false })) }
    await checkForUpdatesAndAsk(dialog, () => undefined)
    u().emit('update-available', { version: '0.2.0' })
    await flush()
    expect(fn('downloadUpdate')).toHaveBeenCalledTimes(1)
    u().emit('update-downloaded', { version: '0.2.0' })
    await flush()
    expect(fn('quitAndInstall')).not.toHaveBeenCalled() // "稍后"
    u().emit('update-downloaded', { version: '0.2.0' })
    await flush()
    expect(fn('quitAndInstall')).toHaveBeenCalledTimes(1)
    expect(dialog.showMessageBox).toHaveBeenLastCalledWith(expect.objectContaining({ buttons: ['立即重启并安装', '稍后'] }))
  })

  it('a hub that cannot be reached is logged, not thrown', async () => {
    fn('checkForUpdates').mockRejectedValueOnce(new Error('ECONNREFUSED'))
    const log = vi.fn()
    await expect(checkForUpdatesAndAsk({ showMessageBox: vi.fn() }, () => undefined, log)).resolves.toBeUndefined()
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ECONNREFUSED'))
  })
})
