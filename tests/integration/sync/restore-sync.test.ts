/**
 * Issue 20, item 3: a restore says what it loses, never reuses an event id, and what the restored file lacks comes
 * back at the next sync. Back up, post, sync, restore, sync: the posting is back and both offices agree; the next
 * posting after the restore has an id nobody has seen.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { postReceipt } from '../../../core/stock/ledger'
import { syncFolder } from '../../../core/sync/folder'
import { backupNow, laterWork, liveFacts, restoreInstallation } from '../../../core/system/backup'
import { projectionHash, eventIds } from '../../helpers/sync'
import { office } from '../../helpers/core'

const dirs: string[] = []
const cores: Core[] = []
afterEach(() => {
  for (const c of cores.splice(0)) { try { c.close() } catch { /* closed */ } }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-rsync-'))
  dirs.push(d)
  return d
}
const open = (file: string) => { const c = createCore({ file, seed: 'reference', today: () => '2026-06-01' }); cores.push(c); return c }
const item = (c: Core) => c.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
const receipt = (c: Core, id: string, qty: number) =>
  postReceipt(c.context(), { id, siteId: 'site-1', docDate: '2026-05-03', lines: [{ itemId: item(c), lotNo: id, quantity: qty }] })
const eventOf = (c: Core, docId: string) => c.db.$client.prepare('SELECT event_id FROM documents WHERE id = ?').pluck().get(docId) as string | undefined

describe('restore and sync', () => {
  it('lists what was made after the backup; the restored file gets a new replica id; the later posting comes back and both offices agree', () => {
    const dir = tmp(), folder = tmp()
    const file = path.join(dir, 'reserve.db')
    let a = open(file)
    const b = office()
    createSite(a.context(), { id: 'site-1', code: 'S1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
    receipt(a, 'doc-before', 5)
    const backup = path.join(dir, 'backups', 'manual.db')
    backupNow(a.db, backup)
    // after the backup: a receipt, synced to the folder, and the other office has it
    receipt(a, 'doc-after', 7)
    const lostId = eventOf(a, 'doc-after')!
    syncFolder(a.context(), folder)
    syncFolder(b.context(), folder)
    expect(eventOf(b, 'doc-after')).toBe(lostId)

    // the check lists it
    const later = laterWork(a.db, backup)
    expect(later.events).toBe(1)
    expect(later.byType).toEqual([{ type: 'stock.document.posted', count: 1 }])
    expect(later.documents.map((d) => d.id)).toEqual(['doc-after'])
    // and so does the administrator's check (the confirm dialog shows the same list)
    const checked = a.call('backup.check', { name: 'manual.db' })
    expect(checked.ok && (checked.data as { later: { events: number; documents: Array<{ id: string }> } }).later)
      .toMatchObject({ events: 1, documents: [{ id: 'doc-after' }] })

    const oldReplica = a.replicaId
    const live = liveFacts(a.db)
    a.close()
    restoreInstallation(file, backup, live)
    a = open(file)
    expect(a.replicaId).not.toBe(oldReplica)
    expect(eventOf(a, 'doc-after')).toBeUndefined() // gone here until the sync

    // the next posting never takes an id given out before
    receipt(a, 'doc-new', 1)
    expect(eventOf(a, 'doc-new')).toBe(`${a.replicaId}:1`)
    expect(eventIds(b)).not.toContain(eventOf(a, 'doc-new'))

    // sync: the lost posting is back, the new one reaches the other office, both agree
    syncFolder(a.context(), folder)
    syncFolder(b.context(), folder)
    syncFolder(a.context(), folder)
    expect(eventOf(a, 'doc-after')).toBe(lostId)
    expect(eventOf(b, 'doc-new')).toBe(`${a.replicaId}:1`)
    expect(projectionHash(a)).toBe(projectionHash(b))
    expect(a.db.$client.prepare("SELECT count(*) FROM conflicts WHERE kind = 'event_refused'").pluck().get()).toBe(0)
  })

  it('nothing made after the backup: the check says so', () => {
    const dir = tmp()
    const a = open(path.join(dir, 'reserve.db'))
    createSite(a.context(), { id: 'site-1', code: 'S1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
    const backup = path.join(dir, 'b.db')
    backupNow(a.db, backup)
    expect(laterWork(a.db, backup)).toMatchObject({ events: 0, byType: [], documents: [] })
  })
})
