/** The preload exposes exactly window.reserveApi.call, .saveBackupAs and .printToPdf, and only contract methods reach IPC. */
import { beforeAll, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, data: 'from main' })), send: vi.fn(), on: vi.fn() },
}))
vi.mock('electron', () => electron)

import { methodNames } from '../../../core/api/contract'

type Bridge = { call(method: string, input: unknown, lang: 'zh' | 'en'): Promise<any>; saveBackupAs(lang: unknown): Promise<any>; printToPdf(docNo: unknown, lang: unknown): Promise<any> }
let bridge: Bridge

beforeAll(async () => {
  await import('../../../electron/preload/index')
  bridge = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Bridge
})

describe('preload bridge', () => {
  it('exposes only reserveApi, with only call, saveBackupAs and printToPdf', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0][0]).toBe('reserveApi')
    expect(Object.keys(bridge)).toEqual(['call', 'saveBackupAs', 'printToPdf'])
    expect(typeof bridge.call).toBe('function')
  })

  it('saveBackupAs sends only the language on its channel (never a path)', async () => {
    electron.ipcRenderer.invoke.mockClear()
    await bridge.saveBackupAs('/etc/passwd')
    await bridge.saveBackupAs('en')
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([['backup:saveAs', { lang: 'zh' }], ['backup:saveAs', { lang: 'en' }]])
  })

  it('printToPdf sends only a document number (a default file name) and the language, never a path', async () => {
    electron.ipcRenderer.invoke.mockClear()
    await bridge.printToPdf('CK20260105-0001', 'en')
    await bridge.printToPdf('RK1', '/tmp/x.pdf')
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['print:toPdf', { docNo: 'CK20260105-0001', lang: 'en' }], ['print:toPdf', { docNo: 'RK1', lang: 'zh' }],
    ])
  })

  it('refuses a method outside the contract without any IPC', async () => {
    electron.ipcRenderer.invoke.mockClear()
    for (const method of ['system.exec', 'constructor', '__proto__', '']) {
      const result = await bridge.call(method, {}, 'en')
      expect(result.ok).toBe(false)
      expect(result.error.code).toBe('UNKNOWN_METHOD')
    }
    const zh = await bridge.call('fs.readFile', {}, 'zh')
    expect(zh.error.message).toBe('没有名为 fs.readFile 的接口')
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled()
  })

  it('forwards every contract method on api:call as { method, input, lang }', async () => {
    electron.ipcRenderer.invoke.mockClear()
    for (const method of methodNames) {
      await expect(bridge.call(method, { a: 1 }, 'en')).resolves.toEqual({ ok: true, data: 'from main' })
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(methodNames.length)
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('api:call', { method: 'system.info', input: { a: 1 }, lang: 'en' })
    await bridge.call('system.info', {}, 'fr' as 'zh')
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('api:call', { method: 'system.info', input: {}, lang: 'zh' })
  })
})
