/**
 * A process killed in the middle of a posting leaves all of a document or none of it: kill a worker that posts
 * 2 000-line receipts without pause, reopen the file, and check every document is whole and the balances agree.
 */
import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore } from '../../../core/app'

describe('kill -9 during postings', () => {
  it('leaves only whole documents and balances equal to the ledger', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-crash-'))
    const file = path.join(dir, 'reserve.db')
    for (const delay of [150, 420]) {
      // tsx as an in-process loader, so SIGKILL hits the process that writes (the tsx CLI would fork a child).
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-worker.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] })
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b: Buffer) => { if (b.toString().includes('ready')) resolve() })
        child.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
      })
      await new Promise((r) => setTimeout(r, delay))
      child.kill('SIGKILL')
      await new Promise((r) => child.on('exit', r))
    }
    const core = createCore({ file, seed: 'none' })
    const db = core.db.$client
    const docs = db.prepare("SELECT d.id, (SELECT count(*) FROM stock_movements m WHERE m.document_id = d.id) AS moves, (SELECT count(*) FROM document_lines l WHERE l.document_id = d.id) AS lines FROM documents d").all() as Array<{ moves: number; lines: number }>
    expect(docs.length).toBeGreaterThanOrEqual(2)
    for (const d of docs) expect([d.moves, d.lines]).toEqual([2000, 2000])
    const events = (db.prepare("SELECT count(*) AS n FROM events WHERE type = 'stock.document.posted'").get() as { n: number }).n
    expect(events).toBe(docs.length)
    expect(core.call('stock.checkLedger', {})).toEqual({ ok: true, data: { consistent: true, differences: 0 } })
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok')
    core.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
