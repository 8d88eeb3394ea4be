/** The application menu, in Chinese, with an About box that says which version runs and where its data lives. */
import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { WINDOW_TITLE } from './window'

export interface MenuInfo {
  version: string
  dataFolder: string
  /** the sync state as one line, read when the About box opens */
  syncState?: () => string
  /** developer tools only when running from source */
  isPackaged: boolean
  platform?: NodeJS.Platform
}

export const aboutText = (info: Pick<MenuInfo, 'version' | 'dataFolder' | 'syncState'>): string =>
  `版本 ${info.version}\n数据文件夹：${info.dataFolder}${info.syncState ? `\n${info.syncState()}` : ''}`

export function menuTemplate(
  info: MenuInfo,
  actions: { about(): void; openDataFolder(): void },
): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    ...(info.isPackaged ? [] : [{ role: 'toggleDevTools', label: '开发者工具' } as MenuItemConstructorOptions]),
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ]
  return [
    ...((info.platform ?? process.platform) === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '文件',
      submenu: [
        { label: '打开数据文件夹', click: actions.openDataFolder },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: `关于${WINDOW_TITLE}`, click: actions.about }] },
  ]
}

export function installMenu(info: MenuInfo, window: () => BrowserWindow | undefined): void {
  const about = () => {
    const options = { type: 'info' as const, title: '关于', message: WINDOW_TITLE, detail: aboutText(info), buttons: ['确定'] }
    const win = window()
    void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options))
  }
  const openDataFolder = () => void shell.openPath(info.dataFolder)
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(info, { about, openDataFolder })))
}

export const menuInfo = (dataFolder: string, syncState?: () => string): MenuInfo =>
  ({ version: app.getVersion(), dataFolder, isPackaged: app.isPackaged, syncState })
