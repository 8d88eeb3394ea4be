/** The menu is Chinese with an About that names version and data folder; updates stay off unless an https feed is set. */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const mocks = vi.hoisted(() => ({
  autoUpdater: { setFeedURL: vi.fn(), autoDownload: true },
  app: { getPath: vi.fn(), getAppPath: vi.fn(() => '/opt/app/resources/app.asar'), getVersion: vi.fn(() => '0.1.0'), isPackaged: true },
}))
vi.mock('electron', () => ({ app: mocks.app, dialog: {}, Menu: {}, shell: {} }))
vi.mock('electron-updater', () => ({ default: { autoUpdater: mocks.autoUpdater } }))

import { aboutText, menuInfo, menuTemplate } from '../../../electron/main/menu'
import { describeSyncZh, syncStatus } from '../../../core/sync/status'
import { memoryCore } from '../../helpers/core'
import { configureUpdates } from '../../../electron/main/updater'
import { migrationsCandidates, resourcesCandidates } from '../../../electron/main/data'

beforeEach(() => vi.clearAllMocks())

describe('application menu', () => {
  const actions = { about: vi.fn(), openDataFolder: vi.fn() }

  it('has 文件, 编辑, 视图 and 帮助, with About under 帮助', () => {
    const template = menuTemplate({ version: '0.1.0', dataFolder: '/d', isPackaged: true, platform: 'linux' }, actions)
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助'])
    const help = template[3].submenu as Array<{ label?: string; click?: () => void }>
    expect(help[0].label).toBe('关于应急物资储备网络')
    help[0].click!()
    expect(actions.about).toHaveBeenCalled()
  })

  it('offers developer tools only when running from source', () => {
    const roles = (isPackaged: boolean) =>
      (menuTemplate({ version: '1', dataFolder: '/d', isPackaged, platform: 'linux' }, actions)[2].submenu as Array<{ role?: string }>).map((i) => i.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(false)).toContain('toggleDevTools')
  })

  it('About shows the version and the data folder', () => {
    const info = menuInfo('/home/u/.config/应急物资储备网络')
    expect(aboutText(info)).toBe('版本 0.1.0\n数据文件夹：/home/u/.config/应急物资储备网络')
  })

  it('About shows the sync state of the installation, read when it opens', () => {
    const core = memoryCore([])
    const info = menuInfo('/data', () => describeSyncZh(syncStatus(core.db)))
    expect(aboutText(info).split('\n')[2]).toBe('同步：未设置（数据仅保存在本机，0 条变更未同步）')
    core.call('stock.receive', { id: 'about-doc-1', siteId: 'nope', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', lotNo: 'x', quantity: 1 }] })
    core.db.$client.prepare("INSERT INTO settings (key, value) VALUES ('sync.folder', 'E:\\储备同步'), ('sync.lastAt', '2026-11-28T09:30:00Z')").run()
    core.db.$client.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES ('S1', 'S1', '库', 'street', '310117001000')").run()
    core.call('stock.receive', { id: 'about-doc-2', siteId: 'S1', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', lotNo: 'x', quantity: 1 }] })
    expect(aboutText(info).split('\n')[2]).toBe('同步：共享文件夹 E:\\储备同步；上次同步 2026-11-28 09:30；待同步 1 条')
    core.close()
  })
})

describe('updates', () => {
  it('do nothing without a feed URL, or with a non-https one', () => {
    for (const url of [undefined, '', 'http://hub.local/updates', 'file:///tmp/feed', 'not a url']) {
      expect(configureUpdates(url)).toBe(false)
    }
    expect(mocks.autoUpdater.setFeedURL).not.toHaveBeenCalled()
  })

  it('use a generic provider over https, without downloading on their own', () => {
    expect(configureUpdates('https://hub.example.cn/updates/')).toBe(true)
    expect(mocks.autoUpdater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://hub.example.cn/updates/' })
    expect(mocks.autoUpdater.autoDownload).toBe(false)
  })
})

describe('packaged app files', () => {
  it('are looked for beside app.asar (process.resourcesPath) and inside it', () => {
    const saved = process.resourcesPath
    Object.defineProperty(process, 'resourcesPath', { value: '/opt/app/resources', configurable: true })
    try {
      expect(migrationsCandidates()).toEqual([
        '/opt/app/resources/migrations', '/opt/app/resources/db/migrations',
        '/opt/app/resources/app.asar/migrations', '/opt/app/resources/app.asar/db/migrations',
      ])
      expect(resourcesCandidates()).toEqual(['/opt/app/resources/resources', '/opt/app/resources/app.asar/resources'])
    } finally {
      Object.defineProperty(process, 'resourcesPath', { value: saved, configurable: true })
    }
  })
})
