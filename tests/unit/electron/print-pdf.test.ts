/**
 * 保存为 PDF in the desktop app, with Electron mocked: main checks the caller, opens a save dialog named after the
 * document, prints the asking page to A4 and writes those bytes to the chosen file. Cancelled → no PDF made, nothing
 * written; an untrusted caller never sees a dialog; the renderer cannot choose the path.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  app: { getPath: vi.fn(() => '/nonexistent/userData'), getAppPath: vi.fn(() => ''), isPackaged: false },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  dialog: { showSaveDialog: vi.fn() },
  BrowserWindow: { getFocusedWindow: vi.fn(() => null) },
}))
vi.mock('electron', () => electron)

import { registerApi } from '../../../electron/main/ipc'
import { pdfFileName } from '../../../electron/main/printPdf'
import { trustedPageUrl } from '../../../electron/main/origin'
import { PRINT_PDF_CHANNEL } from '../../../electron/channel'

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-pdf-'))
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }))

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Title (CK20260105-0001) >> endobj\n%%EOF\n')
type Handler = (event: unknown, message: unknown) => Promise<any>

function handler(): Handler {
  electron.ipcMain.handle.mockClear()
  registerApi({ callWithSession: vi.fn() } as never, trustedPageUrl())
  const found = electron.ipcMain.handle.mock.calls.find(([channel]) => channel === PRINT_PDF_CHANNEL)
  expect(found, 'the PDF channel is registered').toBeDefined()
  return found![1] as Handler
}
const sender = () => ({ printToPDF: vi.fn(async () => PDF) })

beforeEach(() => { electron.dialog.showSaveDialog.mockReset() })

describe('save the print view as PDF (desktop)', () => {
  it('offers <docNo>.pdf, prints the asking page to A4 with backgrounds and writes exactly those bytes to the chosen file', async () => {
    const file = path.join(outDir, '出库单.pdf')
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: file })
    const page = sender()
    const r = await handler()({ senderFrame: { url: 'app://app/index.html' }, sender: page }, { docNo: 'CK20260105-0001', lang: 'zh', path: '/etc/evil.pdf' })
    expect(r).toEqual({ ok: true, data: { saved: true, name: '出库单.pdf', bytes: PDF.byteLength } })
    expect(electron.dialog.showSaveDialog.mock.calls[0][0]).toMatchObject({ defaultPath: 'CK20260105-0001.pdf', title: '保存为 PDF' })
    expect(page.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true })
    expect(new Uint8Array(fs.readFileSync(file))).toEqual(PDF)
    expect(fs.existsSync('/etc/evil.pdf')).toBe(false)
  })

  it('cancelled: no PDF is made and no file is written', async () => {
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' })
    const page = sender()
    const before = fs.readdirSync(outDir)
    const r = await handler()({ senderFrame: { url: 'app://app/index.html' }, sender: page }, { docNo: 'RK20260105-0002' })
    expect(r).toEqual({ ok: true, data: { saved: false } })
    expect(page.printToPDF).not.toHaveBeenCalled()
    expect(fs.readdirSync(outDir)).toEqual(before)
  })

  it('an untrusted or vanished sender is refused before any dialog', async () => {
    const h = handler()
    for (const senderFrame of [{ url: 'https://evil.example/' }, null]) {
      const page = sender()
      const r = await h({ senderFrame, sender: page }, { docNo: 'CK1', lang: 'en' })
      expect(r.ok).toBe(false)
      expect(r.error.code).toBe('FORBIDDEN')
      expect(page.printToPDF).not.toHaveBeenCalled()
    }
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('a failed write is a message in the user\'s language, not a crash', async () => {
    electron.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(outDir, 'no-such-dir', 'x.pdf') })
    const r = await handler()({ senderFrame: { url: 'app://app/index.html' }, sender: sender() }, { docNo: 'CK2', lang: 'zh' })
    expect(r.ok).toBe(false)
    expect(r.error.code).toBe('PDF_SAVE_FAILED')
    expect(r.error.message).toMatch(/^无法保存 PDF：/)
  })

  it('a document number only names the default file: separators and reserved characters are dropped', () => {
    expect(pdfFileName('../../etc/passwd')).toBe('etcpasswd.pdf')
    expect(pdfFileName('CK:2026*01?')).toBe('CK202601.pdf')
    expect(pdfFileName(undefined)).toBe('单据.pdf')
  })
})
