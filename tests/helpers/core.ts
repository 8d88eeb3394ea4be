import fs from 'node:fs'
import { onTestFinished } from 'vitest'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn, type Core, type CoreOptions } from '../../core/app'
import { createSite } from '../../core/network/sites'

/** A core on its own temporary data folder, removed by `cleanup`. */
export function tempCore(opts: Partial<CoreOptions> = {}): Core & { dataDir: string; cleanup(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-test-'))
  const core = createCore({ file: databaseFileIn(dataDir), seed: 'reference', today: () => '2026-06-01', ...opts })
  return Object.assign(core, {
    dataDir,
    cleanup() { core.close(); fs.rmSync(dataDir, { recursive: true, force: true }) },
  })
}

/**
 * An office for a sync test: in memory, on Songjiang's reference network and catalogue, today 2026-06-01; closed when
 * the test that made it ends.
 */
export function office(): Core {
  const c = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
  onTestFinished(() => c.close())
  return c
}

/** An in-memory core with Songjiang's regions and catalogue, plus the sites a test names. */
export function memoryCore(siteIds: string[] = ['S-A', 'S-B'], today = '2026-06-01'): Core {
  const core = createCore({ file: ':memory:', seed: 'reference', today: () => today })
  const ctx = core.context()
  siteIds.forEach((id, i) => createSite(ctx, {
    id, code: `T-${i}`, name: `测试储备库${i + 1}`, tier: 'street', regionCode: '310117001000',
  }))
  return core
}

export function unwrap<T = any>(r: { ok: true; data: unknown } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(`api error: ${r.error.message}`)
  return r.data as T
}

export const count = (core: Core, table: string): number =>
  (core.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
