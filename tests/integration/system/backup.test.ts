/**
 * Backup and restore: a backup taken while postings run restores to a consistent state (balances equal the
 * ledger); a damaged, foreign, newer or inconsistent file is refused; the daily backup keeps the newest N.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { createCore, databaseFileIn } from '../../../core/app'
import { createSite } from '../../../core/network/sites'
import { backupOnline, checkBackup, dailyBackup, liveFacts, restoreInstallation, backupsDirFor } from '../../../core/system/backup'
import { tempCore, unwrap } from '../../helpers/core'

const cleanups: Array<() => void> = []
afterEach(() => { while (cleanups.length) cleanups.pop()!() })

function installation() {
  const core = tempCore()
  cleanups.push(() => core.cleanup())
  createSite(core.context(), { id: 'S-A', code: 'T-A', name: '测试库', tier: 'street', regionCode: '310117001000' })
  return core
}

const receipt = (n: number) => ({
  id: randomUUID(), siteId: 'S-A', docDate: '2026-05-01',
  lines: [{ itemId: 'SH-001', lotNo: `L${n % 7}`, quantity: 5 + (n % 3) }, { itemId: 'SH-002', lotNo: `M${n % 5}`, quantity: 2 }],
})

describe('backup while postings run', () => {
  it('restores to a consistent state: balances equal the ledger', async () => {
    const core = installation()
    for (let i = 0; i < 200; i++) unwrap(core.call('stock.receive', receipt(i)))
    const file = path.join(core.dataDir, 'backups', 'during.db')
    // a tiny step, so the postings below land between the backup's steps
    const backup = backupOnline(core.db, file, 1)
    let posted = 0
    let done = false
    void backup.then(() => { done = true })
    while (!done) {
      unwrap(core.call('stock.receive', receipt(1000 + posted)))
      if (posted % 3 === 0) {
        const lot = unwrap<{ rows: Array<{ lotId: string; quantity: number; itemId: string }> }>(core.call('stock.balances', { siteId: 'S-A', itemId: 'SH-001', limit: 1 })).rows[0]
        unwrap(core.call('stock.issue', { id: randomUUID(), siteId: 'S-A', docDate: '2026-05-02', lines: [{ itemId: 'SH-001', lotId: lot.lotId, quantity: 1 }] }))
      }
      posted++
      await new Promise((r) => setImmediate(r))
    }
    await backup
    expect(posted).toBeGreaterThan(0)
    const check = checkBackup(file, liveFacts(core.db))
    expect(check.documents).toBeGreaterThanOrEqual(400)

    // restore it into another installation's folder and open it
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-restore-'))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const target = databaseFileIn(dir)
    restoreInstallation(target, file, liveFacts(core.db))
    const restored = createCore({ file: target, seed: 'none' })
    try {
      expect(unwrap(restored.call('stock.checkLedger', {}))).toEqual({ consistent: true, differences: 0 })
      const docs = (restored.db.$client.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n
      expect(docs).toBe(check.documents)
    } finally {
      restored.close()
    }
  })
})

describe('backup through the api', () => {
  it('an administrator backs up now; the file is listed, checks out and the backup is audited', () => {
    const core = installation()
    unwrap(core.call('stock.receive', receipt(1)))
    const made = unwrap<{ name: string; bytes: number }>(core.call('backup.create', {}))
    expect(made.name).toMatch(/^manual-.*\.db$/)
    expect(fs.existsSync(path.join(backupsDirFor(core.db.$client.name), made.name))).toBe(true)
    expect(unwrap<Array<{ name: string }>>(core.call('backup.list', {})).map((b) => b.name)).toEqual([made.name])
    expect(unwrap(core.call('backup.check', { name: made.name }))).toMatchObject({ documents: 1, district: '310117000000' })
    const audit = unwrap<{ rows: Array<{ action: string; outcome: string }> }>(core.call('audit.search', { action: 'backup.' })).rows
    expect(audit).toEqual([expect.objectContaining({ action: 'backup.create', outcome: 'ok' })])
  })

  it('a path instead of a backup name is refused', () => {
    const core = installation()
    expect(core.call('backup.check', { name: '../reserve.db' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } })
    expect(core.call('backup.check', { name: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('a backup is checked before it is restored', () => {
  function copyWith(core: ReturnType<typeof installation>, change: (db: Database.Database) => void): string {
    const file = path.join(core.dataDir, `copy-${randomUUID()}.db`)
    core.db.$client.prepare('VACUUM INTO ?').run(file)
    const db = new Database(file)
    change(db)
    db.close()
    return file
  }

  it('refuses a file that is not a database', () => {
    const core = installation()
    const file = path.join(core.dataDir, 'junk.db')
    fs.writeFileSync(file, 'this is not sqlite at all '.repeat(100))
    expect(() => checkBackup(file, liveFacts(core.db))).toThrow(/not an SQLite database/)
  })

  it('refuses a damaged file', () => {
    const core = installation()
    for (let i = 0; i < 50; i++) unwrap(core.call('stock.receive', receipt(i)))
    const file = copyWith(core, () => {})
    const bytes = fs.readFileSync(file)
    for (let i = 4096 * 3; i < bytes.length; i += 97) bytes[i] ^= 0xff // scribble over pages after the header
    fs.writeFileSync(file, bytes)
    expect(() => checkBackup(file, liveFacts(core.db))).toThrow(/damaged|not an SQLite|malformed/)
  })

  it('refuses another district\'s file, a newer version\'s file and one whose balances differ from its ledger', () => {
    const core = installation()
    unwrap(core.call('stock.receive', receipt(1)))
    const foreign = copyWith(core, (db) => db.prepare("UPDATE regions SET code = '310118000000' WHERE level = 'district'").run())
    expect(() => checkBackup(foreign, liveFacts(core.db))).toThrow(expect.objectContaining({ code: 'BACKUP_OTHER_DISTRICT' }))
    const newer = copyWith(core, (db) => db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)").run())
    expect(() => checkBackup(newer, liveFacts(core.db))).toThrow(/newer version/)
    const skewed = copyWith(core, (db) => db.prepare('UPDATE stock_balances SET quantity = quantity + 1').run())
    expect(() => checkBackup(skewed, liveFacts(core.db))).toThrow(/differ from the ledger/)
    expect(checkBackup(copyWith(core, () => {}), liveFacts(core.db)).documents).toBe(1)
  })

  it('restoring keeps the replaced file beside the database', () => {
    const core = installation()
    unwrap(core.call('stock.receive', receipt(1)))
    const file = copyWith(core, () => {})
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-restore-'))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const target = databaseFileIn(dir)
    const old = createCore({ file: target, seed: 'reference' })
    old.close()
    const { keptAs } = restoreInstallation(target, file, liveFacts(core.db))
    expect(fs.existsSync(keptAs)).toBe(true)
    const reopened = createCore({ file: target, seed: 'none' })
    expect((reopened.db.$client.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(1)
    reopened.close()
  })
})

describe('daily automatic backup', () => {
  it('makes one backup a day and keeps only the newest N automatic ones, never touching manual ones', async () => {
    const core = installation()
    const dir = path.join(core.dataDir, 'backups')
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'manual-keep.db'), 'x')
    for (let d = 1; d <= 5; d++) await dailyBackup(core.db, dir, `2026-03-0${d}`, 3)
    expect(await dailyBackup(core.db, dir, '2026-03-05', 3)).toEqual({ made: undefined, deleted: [] })
    expect(fs.readdirSync(dir).sort()).toEqual(['auto-2026-03-03.db', 'auto-2026-03-04.db', 'auto-2026-03-05.db', 'manual-keep.db'])
    expect(checkBackup(path.join(dir, 'auto-2026-03-05.db'), liveFacts(core.db)).district).toBe('310117000000')
  })
})
