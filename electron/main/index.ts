/** App lifecycle only: one instance; on ready wire protocol, guards, data, IPC, menu and window; close the data on quit. */
import path from 'node:path'
import { app, dialog, session, type BrowserWindow } from 'electron'
import type { CoreHolder } from '../../core/holder'
import { openDesktopData } from './data'
import { registerApi } from './ipc'
import { installMenu, menuInfo } from './menu'
import { describeSyncZh, syncSettings, syncStatus } from '../../core/sync/status'
import { devServerUrl, trustedPageUrl } from './origin'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenSession, installContentGuards } from './security'
import { checkForUpdatesAndAsk, configureUpdates, hubFeedUrl } from './updater'
import { createMainWindow } from './window'
import { startAutoSync } from '../../core/sync/auto'

const devUrl = devServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
const isTrusted = trustedPageUrl(devUrl)

let holder: CoreHolder | undefined
let mainWindow: BrowserWindow | undefined
let stopAutoSync: (() => void) | undefined

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one SQLite file would fight over it: the first instance takes over instead.
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  installContentGuards(isTrusted)
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    stopAutoSync?.()
    holder?.close()
    holder = undefined
  })
  app.whenReady().then(start).catch(failToStart)
}

function start(): void {
  hardenSession(session.defaultSession)
  serveRenderer(session.defaultSession, path.join(__dirname, '..', 'renderer'))
  const data = openDesktopData((message) => console.log(message))
  holder = data.holder
  registerApi(data.holder, isTrusted)
  // Folder and hub sync every few minutes in this (main) process; the page's sync-now starts the same.
  stopAutoSync = startAutoSync(() => data.holder.core.context())
  installMenu(menuInfo(data.folder, () => describeSyncZh(syncStatus(data.holder.core.db))), () => mainWindow)
  // The feed set at build time, else the sync hub's; https only. Checked once the window is up, asking first.
  const updates = configureUpdates(process.env.RESERVE_UPDATE_URL || hubFeedUrl(syncSettings(data.holder.core.context()).hubUrl))
  mainWindow = createMainWindow({ preloadPath: path.join(__dirname, '..', 'preload', 'index.js'), devUrl })
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
  if (updates) mainWindow.once('ready-to-show', () => void checkForUpdatesAndAsk(dialog, () => mainWindow))
}

function failToStart(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error)
  dialog.showErrorBox('应急物资储备网络无法启动 / The app could not start', detail)
  app.exit(1)
}
