/**
 * `npx tsx bench/divisions.ts`: importing every district of China (2,978 districts, ~690,000 regions) through
 * network.importDistrict's service (the division data read from the bundle, one event per district, the field
 * clocks, the regions), against plain better-sqlite3 inserting the same rows into a regions table of the same shape
 * (the same bundle parse, prepared statements, one transaction per district), in the same run. Peak RSS sampled
 * after each district. Writes its section of BENCHMARKS.md (between divisions markers).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createCore, databaseFileIn } from '../core/app'
import { districtFromBundle, importDistrict, listDistricts } from '../core/network/divisions'
import { findResourcesDir } from '../db/seed/reference'

const now = () => Number(process.hrtime.bigint()) / 1e6
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-div-'))
const resources = findResourcesDir()
// a few districts of the bundle do not build (e.g. 350527 金门县: no streets of its own); both sides skip them
const districts = listDistricts(resources, '').filter((d) => { try { districtFromBundle(resources, d.code); return true } catch { return false } })
const skipped = listDistricts(resources, '').length - districts.length
let peak = 0
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss) }

// ours
const core = createCore({ file: databaseFileIn(dir), seed: 'reference', today: () => '2026-12-04' })
const ctx = core.context()
const per: number[] = []
const t0 = now()
for (const d of districts) {
  const t = now()
  importDistrict(ctx, resources, d.code)
  per.push(now() - t)
  sample()
}
const ours = now() - t0
const regionsHeld = (core.db.$client.prepare('SELECT count(*) AS n FROM regions').get() as { n: number }).n
core.close()
const oursPeak = peak

// plain SQL: the same rows, the same bundle parse
peak = 0
const raw = new Database(path.join(dir, 'raw.db'))
raw.pragma('journal_mode = WAL')
raw.exec('CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT, kind TEXT, population INTEGER); CREATE INDEX regions_parent ON regions (parent_code)')
const ins = raw.prepare('INSERT INTO regions (code, name, level, parent_code, kind) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name')
const t1 = now()
for (const d of districts) {
  const f = districtFromBundle(resources, d.code)
  raw.transaction(() => {
    ins.run(f.district.code, f.district.name, 'district', null, '区')
    for (const s of f.streets) ins.run(s.code, s.name, 'street', f.district.code, s.kind ?? null)
    for (const c of f.communities) ins.run(c.code, c.name, 'community', c.streetCode, c.kind ?? null)
  })()
  sample()
}
const base = now() - t1
raw.close()
fs.rmSync(dir, { recursive: true, force: true })

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const first = avg(per.slice(0, 100)), last = avg(per.slice(-100))
const mb = (b: number) => Math.round(b / 1048576)
const load = os.loadavg().map((x) => x.toFixed(1)).join(' / ')
const section = `<!-- divisions:start -->
## Importing all of China's divisions (bench/divisions.ts, \`npx tsx bench/divisions.ts\`)

${districts.length} districts (${skipped} of the bundle skipped: they do not build, e.g. 350527 金门县), ${regionsHeld.toLocaleString('en')} regions held at the end (Songjiang's reference data first). Load average ${load} on ${os.cpus().length} cores (shared machine: compare the ratio). Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

| what | total s | ms per district (first 100 / last 100) | peak RSS MB | ratio |
|---|---:|---:|---:|---:|
| plain better-sqlite3: the same rows, same bundle parse, one transaction per district | ${(base / 1000).toFixed(1)} | — | ${mb(peak)} | 1.0× |
| **network.importDistrict's service, every district in turn** | **${(ours / 1000).toFixed(1)}** | ${first.toFixed(1)} / ${last.toFixed(1)} | ${mb(oursPeak)} | **${(ours / base).toFixed(1)}×** |

Before (issue 16): 53 ms per district at the start, 615 ms with 119,000 regions held (about 1.5 h for all of China) — each import read
every field clock and every region held, and scanned all 620,000 villages of the bundle. Now it reads the clocks and regions of the
codes it names (900 at a time) and the bundle is grouped by district once, so the cost per district stays flat.
<!-- divisions:end -->`
const file = path.join(__dirname, '..', 'BENCHMARKS.md')
const md = fs.readFileSync(file, 'utf8')
const re = /<!-- divisions:start -->[\s\S]*?<!-- divisions:end -->/
fs.writeFileSync(file, re.test(md) ? md.replace(re, section) : `${md.trimEnd()}\n\n${section}\n`)
console.log(section)
