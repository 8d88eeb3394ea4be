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

/**
 * The better-sqlite3 connection under a drizzle database or one of its transactions (a transaction is a scope on
 * the same connection, so a statement prepared on it runs inside the transaction). Hot paths write through
 * prepared statements: building a drizzle statement anew costs more than SQLite writing its row.
 */
export function clientOf(tx: object): Database.Database {
  if ('$client' in tx) return (tx as { $client: Database.Database }).$client
  return (tx as { session: { client: Database.Database } }).session.client
}

/** A statement prepared once per connection and kept (WeakMap: gone with the connection). */
export function preparedOn<T>(cache: WeakMap<Database.Database, T>, c: Database.Database, make: (c: Database.Database) => T): T {
  let v = cache.get(c)
  if (!v) { v = make(c); cache.set(c, v) }
  return v
}
