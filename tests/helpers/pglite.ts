/**
 * An in-process PostgreSQL (PGlite, a WASM build of PostgreSQL) behind a real `pg.Pool`, so the hub's PostgreSQL
 * store (server/hub-pg.ts) is tested on every clone, DATABASE_URL or not.
 *
 * The pool speaks the wire protocol through PGlite's own node-postgres connection (`@electric-sql/pglite/node-postgres`),
 * so parameters, `ANY($1::text[])`, `unnest`, `rowMode: 'array'`, bigint as string and rowCount come back exactly as
 * from a server. PGlite is one backend: the pool holds at most one client, so pool.connect() waits until the client
 * in use is released and two transactions never interleave (pg-pool's queue is the mutex). Each client gets a
 * connection object of its own (pg-pool drops a client after a failed query; PGlite's connection emits its 'end'
 * late, which would otherwise end the next client), and a client that finds a transaction left open by a dropped
 * one rolls it back, as a server does when a connection goes.
 */
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'

export interface PglitePool { pool: pg.Pool; close(): Promise<void> }

export async function pglitePool(): Promise<PglitePool> {
  const db = await PGlite.create()
  class PgliteClient extends pg.Client {
    constructor(config: pg.ClientConfig = {}) { super({ ...config, ...createPgConfig(db) } as pg.ClientConfig) }
    // @ts-expect-error: pg.Client.connect is overloaded (callback / promise); the pool uses the callback form
    override connect(cb?: (err?: Error) => void) {
      const done = super.connect().then(async () => { if (db.isInTransaction()) await this.query('ROLLBACK') })
      if (!cb) return done
      done.then(() => cb(), (e: Error) => cb(e))
    }
  }
  const pool = new pg.Pool({ max: 1, idleTimeoutMillis: 0, Client: PgliteClient as unknown as typeof pg.Client })
  return { pool, close: async () => { await pool.end(); await db.close() } }
}
