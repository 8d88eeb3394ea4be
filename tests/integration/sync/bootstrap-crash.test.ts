/**
 * A process killed while it bootstraps from a snapshot — while copying it, after carrying its own data over, right
 * after the new file was renamed in — leaves a database that opens, holds everything the office had, and a later
 * sync completes the picture (nothing lost, nothing doubled, nothing left beside the file).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn, type Core } from '../../../core/app'
import { holdCore } from '../../../core/holder'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { startFolderSync } from '../../../core/sync/folder-job'
import { syncFolder } from '../../../core/sync/folder'
import { eventIds, ledgerMatchesBalances, pendingCount, projectionHash } from '../../helpers/sync'

const TODAY = () => '2026-06-01'
let root: string
let folder: string
let publisherIds: string[]
let publisherFile: string

const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
function work(c: Core, prefix: string, docs: number) {
  createSite(c.context(), { id: `${prefix}-site`, code: `${prefix}-S`, name: `${prefix}储备库`, tier: 'street', regionCode: '310117001000' })
  for (let n = 0; n < docs; n++) {
    postReceipt(c.context(), { id: `${prefix}-doc-${n}`, siteId: `${prefix}-site`, docDate: '2026-05-01', lines: [{ itemId: item(c), lotNo: `${prefix}${n}`, quantity: 3 }] })
  }
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-boot-crash-'))
  folder = path.join(root, 'share'); fs.mkdirSync(folder)
  publisherFile = databaseFileIn(path.join(root, 'a'))
  const a = holdCore(() => createCore({ file: publisherFile, seed: 'reference', today: TODAY }))
  work(a.core, 'A', 400)
  a.core.call('sync.setFolder', { folder })
  const { job, done } = startFolderSync(a.core.context(), { publishAfter: 100 })
  await done
  expect(job.result?.published?.published).toBe(true)
  publisherIds = eventIds(a.core)
  a.close()
}, 120_000)
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('kill -9 during a bootstrap from a snapshot', () => {
  it.each(['copy', 'carry', 'swap'])('killed at "%s": the database opens whole and a later sync completes', async (killAt) => {
    const dataDir = path.join(root, `b-${killAt}`)
    const file = databaseFileIn(dataDir)
    const b = createCore({ file, seed: 'reference', today: TODAY })
    const prefix = `B${killAt}` // each case's office is another one, with its own sites and documents
    work(b, prefix, 30)
    b.call('sync.setFolder', { folder })
    const own = eventIds(b)
    b.close()

    // tsx as an in-process loader, so SIGKILL hits the process that writes
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bootstrap-crash-worker.ts'), dataDir, folder, killAt], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('ready')) resolve() })
      child.on('exit', (code) => reject(new Error(`worker exited with ${code} before the kill point: ${out}`)))
    })
    child.kill('SIGKILL')
    await new Promise((r) => child.on('exit', r))
    expect(out).not.toContain('done')

    // whichever file is in place, it is whole and holds the office's own work, accounts' tables and settings
    const after = createCore({ file, seed: 'none', today: TODAY })
    const c = after.db.$client
    expect(c.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(eventIds(after)).toEqual(expect.arrayContaining(own))
    expect(c.prepare('SELECT count(*) FROM documents WHERE id LIKE ?').pluck().get(`${prefix}-doc-%`)).toBe(30)
    expect(c.prepare("SELECT value FROM settings WHERE key = 'sync.folder'").pluck().get()).toBe(folder)
    expect(ledgerMatchesBalances(after)).toBe(true)
    const bootstrapped = eventIds(after).length > own.length
    expect(bootstrapped).toBe(killAt === 'swap') // before the rename the old file is in place, after it the new one
    after.close()

    // a later sync (through a holder, as the app runs it) completes it
    const holder = holdCore(() => createCore({ file, seed: 'none', today: TODAY }))
    const { job, done } = startFolderSync(holder.core.context(), { bootstrapAfter: 50, publishAfter: 1e9 })
    await done
    expect(job.error).toBeNull()
    const core = holder.core
    expect(eventIds(core)).toEqual(expect.arrayContaining([...publisherIds, ...own]))
    expect(pendingCount(core)).toBe(0)
    expect(ledgerMatchesBalances(core)).toBe(true)
    // the same projections as an office that replayed every event from the segments
    const replay = createCore({ file: ':memory:', seed: 'reference', today: TODAY })
    syncFolder(replay.context(), folder) // (the folder also holds what the other cases' offices exported)
    expect(eventIds(core)).toEqual(eventIds(replay))
    expect(projectionHash(core)).toBe(projectionHash(replay))
    replay.close()
    holder.close()
    expect(fs.readdirSync(dataDir).filter((n) => n.includes('bootstrap'))).toEqual([])
  }, 120_000)
})
