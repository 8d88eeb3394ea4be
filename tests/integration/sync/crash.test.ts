/**
 * A process killed while applying received events: every round is one transaction, so the file holds whole
 * rounds only — events, vector and projections agree — and the next sync brings the rest, nothing doubled.
 */
import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { eventsSince, receive, vectorOf } from '../../../core/sync/exchange'
import { eventIds, ledgerMatchesBalances, pendingCount, projectionHash } from '../../helpers/sync'

describe('kill -9 while applying received events', () => {
  it('leaves whole rounds only, and the next sync completes it without doubling anything', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-sync-crash-'))
    const source = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
    createSite(source.context(), { id: 'S-K', code: 'K', name: '杀进程测试库', tier: 'street', regionCode: '310117001000' })
    for (let n = 0; n < 400; n++) {
      postReceipt(source.context(), {
        id: `doc-k-${n}`, siteId: 'S-K', docDate: '2026-05-01',
        lines: Array.from({ length: 30 }, (_, i) => ({ itemId: 'SH-001', lotNo: `K${n}-${i}`, quantity: i + 1 })),
      })
    }
    const all = eventsSince(source.db, {})
    const batchFile = path.join(dir, 'batch.json')
    fs.writeFileSync(batchFile, JSON.stringify(all))
    const file = path.join(dir, 'office.db')

    // tsx as an in-process loader, so SIGKILL hits the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-worker.ts'), file, batchFile], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => { out += b.toString(); if (out.includes('ready')) resolve() })
      child.on('exit', (code) => reject(new Error(`worker exited early with ${code}`)))
    })
    await new Promise((r) => setTimeout(r, 20))
    child.kill('SIGKILL')
    await new Promise((r) => child.on('exit', r))
    expect(out).not.toContain('done') // it was killed in the middle

    const office = createCore({ file, seed: 'none', today: () => '2026-06-01' })
    const c = office.db.$client
    const stored = eventIds(office).length
    expect(stored).toBeGreaterThanOrEqual(20)
    expect(stored).toBeLessThan(all.length)
    expect(stored % 20).toBe(0) // whole rounds only
    expect(vectorOf(office.db)[source.replicaId]).toBe(stored) // the vector says exactly what is there
    expect(pendingCount(office)).toBe(0)
    const docs = c.prepare('SELECT count(*) FROM documents').pluck().get() as number
    expect(docs).toBe(stored - 1) // the site's event + one document per posting event
    expect(c.prepare('SELECT count(*) FROM stock_movements').pluck().get()).toBe(docs * 30)
    expect(ledgerMatchesBalances(office)).toBe(true)
    expect((c.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok')

    // The next sync asks for what it lacks and completes the picture; replaying everything changes nothing.
    receive(office.context(), eventsSince(source.db, vectorOf(office.db)))
    receive(office.context(), all)
    expect(eventIds(office)).toEqual(eventIds(source))
    expect(projectionHash(office)).toBe(projectionHash(source))
    office.close()
    source.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }, 120_000)
})
