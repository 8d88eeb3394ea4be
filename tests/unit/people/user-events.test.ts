/**
 * Accounts are local: the user.* events travel with the log but never carry a password hash — neither new ones nor
 * ones stored before the rule — and another installation applies them without gaining the account.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, type Core } from '../../../core/app'
import { syncFolder } from '../../../core/sync/folder'
import { appendEvent } from '../../../core/sync/events'
import { hashPassword } from '../../../core/people/passwords'
import { unwrap, count } from '../../helpers/core'
import { pendingCount } from '../../helpers/sync'

const cleanups: Array<() => void> = []
afterEach(() => { while (cleanups.length) cleanups.pop()!() })

const office = (): Core => {
  const core = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
  cleanups.push(() => core.close())
  return core
}

/** Every byte of every file under a folder, as text. */
const allText = (dir: string): string => fs.readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile()).map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8')).join('\n')

describe('user events and password hashes', () => {
  it('a folder export holds the user events but no password hash; the other office applies them and gains no account', () => {
    const a = office()
    const made = unwrap<{ id: string }>(a.call('users.create', {
      username: 'keeper.test', displayName: '测试保管员', password: 'Keeper2026x', roles: ['keeper'], scopeKind: 'district',
    }))
    unwrap(a.call('users.resetPassword', { id: made.id, password: 'Temp2026xy' }))
    unwrap(a.call('users.update', { id: made.id, displayName: '测试保管员甲' }))
    // an event written before hashes were kept out of payloads (an older build)
    const legacyHash = hashPassword('Legacy2026')
    a.db.transaction((tx) => appendEvent(tx, a.context(), { type: 'user.password', entityId: made.id, payload: { id: made.id, passwordHash: legacyHash } }))

    const hashes = a.db.$client.prepare('SELECT password_hash FROM users').pluck().all() as string[]
    expect(hashes.length).toBeGreaterThan(0)
    const stored = a.db.$client.prepare("SELECT payload FROM events WHERE type LIKE 'user.%' ORDER BY seq").pluck().all() as string[]
    expect(stored).toHaveLength(4)
    // new events never had a hash in the first place
    for (const p of stored.slice(0, 3)) expect(p).not.toContain('scrypt$')

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-userev-'))
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }))
    expect(syncFolder(a.context(), folder).exported).toBe(count(a, 'events'))
    const text = allText(folder)
    expect(text).toContain('"type":"user.created"')
    expect(text).toContain('"type":"user.password"')
    expect(text).toContain('测试保管员甲')
    expect(text).not.toContain('scrypt$')
    expect(text).not.toContain('passwordHash')
    for (const h of [...hashes, legacyHash]) expect(text).not.toContain(h.split('$').pop()!)

    const b = office()
    const usersBefore = count(b, 'users')
    const r = syncFolder(b.context(), folder)
    expect(r.imported).toBe(count(a, 'events'))
    expect(pendingCount(b)).toBe(0)
    expect(count(b, 'users')).toBe(usersBefore)
    expect(b.call('auth.login', { username: 'keeper.test', password: 'Temp2026xy' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } })
  })
})
