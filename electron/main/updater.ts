/**
 * Updates from the district hub: electron-updater's generic provider on the hub's `/updates/` feed (latest.yml
 * and the installers the hub's administrator puts in its updates folder). Only over https; the address is
 * RESERVE_UPDATE_URL (set at build time) or, failing that, the sync hub configured in the app. Nothing is
 * downloaded or installed without asking: a dialog offers the new version (with its release notes), and another
 * asks before restarting to install it.
 */
import electronUpdater from 'electron-updater'
import type { BrowserWindow, Dialog } from 'electron'

export function configureUpdates(feedUrl: string | undefined): boolean {
  if (!feedUrl) return false
  let url: URL
  try {
    url = new URL(feedUrl)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  const { autoUpdater } = electronUpdater
  autoUpdater.autoDownload = false
  autoUpdater.autoInstallOnAppQuit = false // installing is the user's choice, never a side effect of quitting
  autoUpdater.setFeedURL({ provider: 'generic', url: url.href })
  return true
}

/** The update feed of a sync hub address: `<hub>/updates/`. */
export function hubFeedUrl(hubUrl: string | null | undefined): string | undefined {
  if (!hubUrl) return undefined
  return `${hubUrl.replace(/\/+$/, '')}/updates/`
}

const notesText = (notes: unknown): string => {
  if (typeof notes === 'string') return notes.replace(/<[^>]+>/g, '').trim()
  if (Array.isArray(notes)) return notes.map((n: { note?: string | null }) => n.note ?? '').join('\n').replace(/<[^>]+>/g, '').trim()
  return ''
}

/**
 * Checks the feed once and walks the user through it. Returns a promise that settles when the check was made
 * (errors — the hub unreachable — are logged, never shown as a crash).
 */
export async function checkForUpdatesAndAsk(dialog: Pick<Dialog, 'showMessageBox'>, window: () => BrowserWindow | undefined, log: (m: string) => void = console.log): Promise<void> {
  const { autoUpdater } = electronUpdater
  const ask = (opts: Parameters<Dialog['showMessageBox']>[0]) => {
    const w = window()
    return w ? dialog.showMessageBox(w, opts) : dialog.showMessageBox(opts)
  }
  autoUpdater.removeAllListeners('update-available')
  autoUpdater.removeAllListeners('update-downloaded')
  autoUpdater.on('update-available', async (info: { version: string; releaseNotes?: unknown }) => {
    const r = await ask({
      type: 'question', buttons: ['下载并安装', '以后再说'], defaultId: 0, cancelId: 1, title: '发现新版本',
      message: `应急物资储备网络有新版本 ${info.version}，是否下载？`, detail: notesText(info.releaseNotes) || undefined,
    })
    if (r.response === 0) await autoUpdater.downloadUpdate()
  })
  autoUpdater.on('update-downloaded', async (info: { version: string }) => {
    const r = await ask({
      type: 'question', buttons: ['立即重启并安装', '稍后'], defaultId: 0, cancelId: 1, title: '新版本已下载',
      message: `新版本 ${info.version} 已下载。重启并安装吗？未保存的录入请先保存。`,
    })
    if (r.response === 0) autoUpdater.quitAndInstall()
  })
  try {
    await autoUpdater.checkForUpdates()
  } catch (e) {
    log(`检查更新失败 / update check failed: ${(e as Error).message}`)
  }
}
