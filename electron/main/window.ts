/** The main window: a sandboxed, context-isolated page from app:// (or, while developing, the localhost dev server). */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { APP_ENTRY_URL } from './origin'

export const WINDOW_TITLE = '应急物资储备网络'

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  }
}

/** What the window loads: the dev server only if origin.devServerUrl accepted it, otherwise the app's own files. */
export const rendererEntryUrl = (devUrl?: string): string => devUrl ?? APP_ENTRY_URL

export function createMainWindow(opts: { preloadPath: string; devUrl?: string }): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(opts.preloadPath))
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererEntryUrl(opts.devUrl))
  return win
}
