import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import fs from 'node:fs'
import path from 'node:path'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
export { schema }

/**
 * Where the generated migrations are. They ship beside the app: in a source checkout at db/migrations, in the
 * bundled desktop app next to the bundle or in Electron's resources folder.
 */
export function findMigrationsFolder(extra: string[] = []): string {
  const candidates = [
    process.env.RESERVE_MIGRATIONS,
    ...extra,
    path.join(__dirname, 'migrations'),
    path.join(__dirname, '..', 'db', 'migrations'),
    path.join(__dirname, '..', '..', 'db', 'migrations'),
    path.join(process.cwd(), 'db', 'migrations'),
  ].filter((p): p is string => !!p)
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'meta', '_journal.json')))
  if (!found) throw new Error(`migrations not found; looked in: ${candidates.join(', ')}`)
  return found
}

export interface OpenOptions {
  /** a file path, or ':memory:' */
  file: string
  migrationsFolder?: string
  readonly?: boolean
}

/** Opens the installation's SQLite file with the pragmas the ledger relies on and applies pending migrations. */
export function openDatabase(opts: OpenOptions): Db {
  if (opts.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true })
  const client = new Database(opts.file, { readonly: opts.readonly ?? false })
  if (opts.file !== ':memory:') client.pragma('journal_mode = WAL')
  // FULL: a committed posting survives a power cut, not only a process kill.
  client.pragma('synchronous = FULL')
  client.pragma('foreign_keys = ON')
  client.pragma('busy_timeout = 5000')
  const db = drizzle(client, { schema }) as Db
  if (!opts.readonly) migrate(db, { migrationsFolder: opts.migrationsFolder ?? findMigrationsFolder() })
  return db
}
