/**
 * Restore from inside the running hub: an administrator picks a backup (listed, or uploaded), it is checked, the
 * hub swaps its database (the current file kept), every session ends, and the old balances are back — with an
 * audit entry saying who restored what. A bad file changes nothing. Downloading a backup streams a consistent copy.
 */
import { describe, it, expect, beforeAll, beforeEach, afterEach, afterAll } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { createHub, type Hub } from '../../../server/hub'
import { hubSession } from '../../helpers/hub'
import { count } from '../../helpers/core'
import { checkBackup, liveFacts } from '../../../core/system/backup'

let hub: Hub
let root: string
const SITE = 'S-310117001000'

let template: string
// the demo data is seeded once; each test starts from a copy of that file
beforeAll(async () => {
  template = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-restore-tpl-'))
  const seeded = await createHub({ dataDir: template, seed: 'demo', today: () => '2026-11-29', dailyBackups: false })
  await seeded.app.close()
})
afterAll(() => fs.rmSync(template, { recursive: true, force: true }))

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-restore-hub-'))
  fs.mkdirSync(path.join(root, 'data'))
  fs.copyFileSync(path.join(template, 'reserve.db'), path.join(root, 'data', 'reserve.db'))
  hub = await createHub({ dataDir: path.join(root, 'data'), seed: 'demo', today: () => '2026-11-29', dailyBackups: false })
})
afterEach(async () => {
  await hub.app.close()
  fs.rmSync(root, { recursive: true, force: true })
})

const receipt = (quantity: number) => ({ id: randomUUID(), siteId: SITE, docDate: '2026-11-29', lines: [{ itemId: 'SH-001', lotNo: 'RESTORE', quantity }] })

type Session = Awaited<ReturnType<typeof hubSession>>
async function onHand(s: Session): Promise<number> {
  const res = await s.post('stock.balances', { siteId: SITE, itemId: 'SH-001', limit: 500 })
  expect(res.statusCode).toBe(200)
  return (res.json().data.rows as Array<{ quantity: number }>).reduce((a, r) => a + r.quantity, 0)
}

describe('restore through the hub api', () => {
  it('brings back the old balances, ends every session, keeps the replaced file and audits who restored what', async () => {
    const admin = await hubSession(hub.app, 'admin', 'Admin2026')
    const keeper = await hubSession(hub.app, 'keeper.yueyang', 'Keeper2026')
    expect((await keeper.post('stock.receive', receipt(7))).statusCode).toBe(200)
    const before = await onHand(admin)
    const made = (await admin.post('backup.create', {})).json().data as { name: string }

    // life goes on after the backup
    expect((await keeper.post('stock.receive', receipt(50))).statusCode).toBe(200)
    expect(await onHand(admin)).toBe(before + 50)
    const documentsAfter = count(hub.core, 'documents')

    const res = await admin.post('backup.restore', { name: made.name })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ok: true, data: { name: made.name, restored: true } })
    // the answer ends the caller's session cookie; everyone else's session is gone too
    expect(res.cookies.find((c) => c.name === 'reserve_sid')?.value).toBe('')
    expect((await keeper.post('stock.balances', {})).statusCode).toBe(401)
    expect((await admin.post('stock.balances', {})).statusCode).toBe(401)

    const again = await hubSession(hub.app, 'admin', 'Admin2026')
    expect(await onHand(again)).toBe(before)
    expect(count(hub.core, 'documents')).toBe(documentsAfter - 1)
    expect((await again.post('stock.checkLedger', {})).json().data).toEqual({ consistent: true, differences: 0 })

    const kept = fs.readdirSync(path.join(root, 'data')).filter((f) => f.startsWith('reserve.db.before-restore-'))
    expect(kept).toHaveLength(1)
    const old = new Database(path.join(root, 'data', kept[0]), { readonly: true })
    expect((old.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(documentsAfter)
    old.close()

    const audit = (await again.post('audit.search', { action: 'backup.restore' })).json().data.rows as Array<Record<string, string>>
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: expect.any(String), actorName: '系统管理员', outcome: 'ok', entityId: made.name })
    expect(audit[0].detail).toContain(kept[0])
  })

  it('a bad file changes nothing: refused with the reason, no file moved, sessions go on', async () => {
    const admin = await hubSession(hub.app, 'admin', 'Admin2026')
    const keeper = await hubSession(hub.app, 'keeper.yueyang', 'Keeper2026')
    expect((await keeper.post('stock.receive', receipt(3))).statusCode).toBe(200)
    const before = await onHand(admin)
    const documents = count(hub.core, 'documents')
    const dir = path.join(root, 'data', 'backups')
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'junk.db'), 'not a database '.repeat(500))

    const res = await admin.post('backup.restore', { name: 'junk.db' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID', message: '备份文件不可用：不是 SQLite 数据库文件' } })
    expect(fs.readdirSync(path.join(root, 'data')).filter((f) => f.includes('before-restore'))).toEqual([])
    expect(await onHand(admin)).toBe(before)
    expect(count(hub.core, 'documents')).toBe(documents)
    expect((await keeper.post('stock.balances', {})).statusCode).toBe(200)
    const audit = (await admin.post('audit.search', { action: 'backup.restore' })).json().data.rows
    expect(audit).toEqual([expect.objectContaining({ outcome: 'failed', entityId: 'junk.db' })])
  })

  it('only an administrator may restore; a keeper is refused and nothing changes', async () => {
    const admin = await hubSession(hub.app, 'admin', 'Admin2026')
    const made = (await admin.post('backup.create', {})).json().data as { name: string }
    const keeper = await hubSession(hub.app, 'keeper.yueyang', 'Keeper2026')
    const res = await keeper.post('backup.restore', { name: made.name })
    expect(res.statusCode).toBe(403)
    expect((await admin.post('stock.balances', {})).statusCode).toBe(200)
  })

  it('an uploaded backup is checked and kept; restoring it works like a listed one; a bad upload is refused and not kept', async () => {
    const admin = await hubSession(hub.app, 'admin', 'Admin2026')
    const keeper = await hubSession(hub.app, 'keeper.yueyang', 'Keeper2026')
    const before = await onHand(admin)
    const file = path.join(root, 'elsewhere.db')
    hub.core.db.$client.prepare('VACUUM INTO ?').run(file)
    expect((await keeper.post('stock.receive', receipt(11))).statusCode).toBe(200)

    const upload = (body: Buffer, headers = admin.headers()) => hub.app.inject({
      method: 'POST', url: '/api/backup.upload', payload: body, headers: { ...headers, 'content-type': 'application/octet-stream' },
    })
    // a keeper may not upload; without the CSRF header nobody may
    expect((await upload(fs.readFileSync(file), keeper.headers())).statusCode).toBe(403)
    expect((await upload(fs.readFileSync(file), { cookie: admin.headers().cookie, 'x-csrf-token': 'forged' })).statusCode).toBe(403)
    const bad = await upload(Buffer.from('garbage '.repeat(100)))
    expect(bad.statusCode).toBe(409)
    expect(bad.json().error.code).toBe('BACKUP_INVALID')
    expect(fs.readdirSync(path.join(root, 'data', 'backups')).filter((n) => n.startsWith('upload-'))).toEqual([])

    const ok = await upload(fs.readFileSync(file))
    expect(ok.statusCode).toBe(200)
    const { name } = ok.json().data as { name: string }
    expect(name).toMatch(/^upload-.*\.db$/)
    expect((await admin.post('backup.restore', { name })).statusCode).toBe(200)
    const again = await hubSession(hub.app, 'admin', 'Admin2026')
    expect(await onHand(again)).toBe(before)
  })

  it('a call that meets the hub while it swaps is answered 503 with a clear message', async () => {
    const admin = await hubSession(hub.app, 'admin', 'Admin2026')
    const made = (await admin.post('backup.create', {})).json().data as { name: string }
    // The swap is synchronous, so a request can only meet it from inside: a daily-backup companion started by the
    // reopened core calls the api while the holder is still swapping.
    let seen: unknown
    const h = hub.holder as unknown as { restore: typeof hub.holder.restore }
    const original = hub.core.close
    hub.core.close = () => {
      seen = hub.holder.callWithSession({ client: 'hub' }, 'auth.status', {}, 'en').result
      original()
    }
    h.restore(path.join(root, 'data', 'backups', made.name), { id: 'x', name: 'x' })
    expect(seen).toEqual({ ok: false, error: { code: 'RESTORING', message: 'A backup is being restored: try again in a few seconds' } })
  })
})

describe('download a backup from the hub', () => {
  it('streams a consistent copy named 储备网络备份-<date>.db to an administrator only', async () => {
    const admin = await hubSession(hub.app, 'admin', 'Admin2026')
    const res = await hub.app.inject({ method: 'GET', url: '/api/backup.download', headers: { cookie: admin.headers().cookie } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('储备网络备份-2026-11-29.db')}`)
    const file = path.join(root, 'downloaded.db')
    fs.writeFileSync(file, res.rawPayload)
    expect(checkBackup(file, liveFacts(hub.core.db)).documents).toBe(count(hub.core, 'documents'))
    // no temporary copy is left behind
    await new Promise((r) => setTimeout(r, 50))
    expect(fs.readdirSync(path.join(root, 'data', 'backups')).filter((n) => n.startsWith('.download'))).toEqual([])

    const keeper = await hubSession(hub.app, 'keeper.yueyang', 'Keeper2026')
    expect((await hub.app.inject({ method: 'GET', url: '/api/backup.download', headers: { cookie: keeper.headers().cookie } })).statusCode).toBe(403)
    expect((await hub.app.inject({ method: 'GET', url: '/api/backup.download' })).statusCode).toBe(401)
  })
})

describe('a restored file that cannot be opened', () => {
  it('puts the previous database back, reopens it and answers the error', async () => {
    const { holdCore } = await import('../../../core/holder')
    const { createCore, databaseFileIn } = await import('../../../core/app')
    const dir = path.join(root, 'other')
    const file = databaseFileIn(dir)
    fs.copyFileSync(path.join(template, 'reserve.db'), file)
    let opens = 0
    const holder = holdCore(() => {
      opens++
      if (opens === 2) throw new Error('migration failed')
      return createCore({ file, seed: 'none', today: () => '2026-11-29' })
    })
    try {
      const backup = path.join(root, 'b.db')
      holder.core.db.$client.prepare('VACUUM INTO ?').run(backup)
      const documents = count(holder.core, 'documents')
      holder.core.db.$client.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'before')").run()
      expect(() => holder.restore(backup, { id: 'a', name: '管理员' }, 'b.db')).toThrow('migration failed')
      expect(opens).toBe(3)
      expect(holder.core.db.$client.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe('before')
      expect(count(holder.core, 'documents')).toBe(documents)
      expect(fs.readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([])
      const outcomes = holder.core.db.$client.prepare("SELECT outcome FROM audit_log WHERE action = 'backup.restore' ORDER BY id").pluck().all()
      expect(outcomes).toEqual(['ok', 'failed'])
    } finally {
      holder.close()
    }
  })
})
