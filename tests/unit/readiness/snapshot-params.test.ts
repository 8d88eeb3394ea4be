/** The readiness parameters are district-wide state: a snapshot for a first sync keeps them, as replaying the events would. */
import { it, expect } from 'vitest'
import Database from 'better-sqlite3'
import { tempCore, unwrap } from '../../helpers/core'
import { stripLocalTables } from '../../../core/sync/snapshot'
import { putSetting } from '../../../core/common/settings'

it('stripping the local tables keeps readiness.params and drops this office\'s own settings', () => {
  const core = tempCore()
  try {
    const params = unwrap(core.call('readiness.params', {}))
    unwrap(core.call('readiness.saveParams', { ...params, targetHours: 8 }))
    putSetting(core.db, 'sync.folder', '/mnt/usb')
    const file = core.context().databaseFile!
    core.db.$client.pragma('wal_checkpoint(TRUNCATE)')
    const copy = `${file}.snap`
    core.db.$client.exec(`VACUUM INTO '${copy}'`)
    stripLocalTables(copy)
    const c = new Database(copy, { readonly: true })
    const keys = c.prepare('SELECT key FROM settings').pluck().all()
    const kept = c.prepare("SELECT value FROM settings WHERE key = 'readiness.params'").pluck().get() as string
    c.close()
    expect(keys).not.toContain('sync.folder')
    expect(JSON.parse(kept).targetHours).toBe(8)
  } finally { core.cleanup() }
})
