/**
 * Whole-city scale: all 16 districts of Shanghai imported from the bundled division data (about 6 000 communities),
 * a depot per district and per street, a point in most communities, targets for every tier and stock at every
 * site; then coverage and compliance for the whole city, each against a plain SQL baseline over the same tables in
 * the same run.
 *
 *   npx tsx bench/city.ts      (also run by `npm run bench`) — writes its section of BENCHMARKS.md
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn, type Core } from '../core/app'
import { findResourcesDir } from '../db/seed/reference'
import { importDistrict, listDistricts } from '../core/network/divisions'
import { applySiteCreated } from '../core/network/sites'
import { saveTarget, setPopulations } from '../core/catalogue/catalogue'
import { coverage } from '../core/network/coverage'
import { compliance } from '../core/catalogue/compliance'
import { addDays } from '../core/common/dates'
import { newId } from '../core/common/ids'

const TODAY = '2026-11-29'
export interface CityRow { name: string; ours: number; base: number; unit: string; note: string }

function time(fn: () => void): number {
  const t = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t) / 1e6
}
const best = (runs: number, fn: () => void) => { let m = Infinity; for (let i = 0; i < runs; i++) m = Math.min(m, time(fn)); return m }

/** Builds the city. Sites are written through the same apply function as the site service, in one transaction. */
export function buildCity(core: Core, log: (m: string) => void = () => {}): { communities: number; sites: number; balances: number } {
  const ctx = core.context()
  const resources = findResourcesDir()
  for (const d of listDistricts(resources, '31')) importDistrict(ctx, resources, d.code)
  const db = core.db.$client
  const regions = db.prepare('SELECT code, level, parent_code AS parent, kind FROM regions ORDER BY code').all() as
    Array<{ code: string; level: string; parent: string | null; kind: string | null }>
  const communities = regions.filter((r) => r.level === 'community' && r.kind !== '其他')
  log(`… ${communities.length} communities in ${regions.filter((r) => r.level === 'district').length} districts`)
  let k = 0
  const siteIds: Array<{ id: string; tier: string }> = []
  core.db.transaction((tx) => {
    for (const r of regions) {
      const tier = r.level === 'district' ? 'district' : r.level === 'street' ? 'street' : r.kind !== '其他' && (k++ % 5) !== 0 ? 'community' : null
      if (!tier) continue
      const id = `${tier[0]}-${r.code}`
      applySiteCreated(tx, { id, code: id, name: `${r.code} 储备点`, tier: tier as 'district', regionCode: r.code, openedOn: '2021-01-01', serves: tier === 'community' ? [r.code] : [] })
      siteIds.push({ id, tier })
    }
  })
  setPopulations(ctx, communities.map((c, i) => ({ code: c.code, population: 1500 + (i * 37) % 4500 })))
  const items = (db.prepare('SELECT id, shelf_life_days AS life FROM items ORDER BY id').all() as Array<{ id: string; life: number | null }>)
  items.forEach((it, i) => {
    if (i % 4 === 0) saveTarget(ctx, { planYear: 2026, tier: 'community', itemId: it.id, mode: i % 8 === 0 ? 'per1000' : 'fixed', quantity: 4, minimum: 1, required: true })
    if (i % 2 === 0) saveTarget(ctx, { planYear: 2026, tier: 'street', itemId: it.id, mode: 'fixed', quantity: 30, minimum: 10, required: true })
    saveTarget(ctx, { planYear: 2026, tier: 'district', itemId: it.id, mode: 'fixed', quantity: 200, minimum: 50, required: i % 5 !== 4 })
  })
  // stock: each site holds some of what its tier asks for, through ordinary receipts
  let balances = 0
  siteIds.forEach((s, n) => {
    const wanted = items.filter((_, i) => (s.tier === 'community' ? i % 4 === 0 : s.tier === 'street' ? i % 2 === 0 : true) && (i + n) % 3 !== 0)
    const lines = wanted.map((it, i) => ({
      itemId: it.id, lotNo: `C${n}-${i}`, quantity: s.tier === 'community' ? 1 + ((n + i) % 7) : s.tier === 'street' ? 10 + ((n + i) % 40) : 100 + ((n * i) % 200),
      expiryDate: it.life ? addDays(TODAY, ((n * 7 + i * 13) % 900) - 90) : undefined,
    }))
    if (!lines.length) return
    const r = core.call('stock.receive', { id: newId(), siteId: s.id, docDate: TODAY, lines })
    if (!r.ok) throw new Error(r.error.message)
    balances += lines.length
    if (n % 1000 === 0) log(`… stock at ${n} of ${siteIds.length} sites`)
  })
  return { communities: communities.length, sites: siteIds.length, balances }
}

/** The plain SQL baselines: the same questions asked of the same tables in one statement each, without the rules. */
const BASE_COVERAGE = `WITH served AS (SELECT DISTINCT sr.region_code AS code FROM site_regions sr JOIN sites s ON s.id = sr.site_id
    WHERE s.status = 'active' AND (s.opened_on IS NULL OR s.opened_on <= @d))
  SELECT c.parent_code AS street, count(*) AS communities, count(served.code) AS covered
  FROM regions c LEFT JOIN served ON served.code = c.code WHERE c.level = 'community' GROUP BY c.parent_code`
const BASE_COMPLIANCE = `WITH stock AS (SELECT b.site_id, b.item_id, SUM(b.quantity) AS q FROM stock_balances b JOIN lots l ON l.id = b.lot_id
    WHERE l.expiry_date IS NULL OR l.expiry_date >= @d GROUP BY b.site_id, b.item_id)
  SELECT s.id, count(*) AS required, SUM(coalesce(stock.q, 0) >= t.quantity) AS met
  FROM sites s JOIN tier_targets t ON t.tier = s.tier AND t.plan_year = 2026 AND t.region_code IS NULL AND t.site_id IS NULL AND t.required = 1
  LEFT JOIN stock ON stock.site_id = s.id AND stock.item_id = t.item_id
  WHERE s.status = 'active' GROUP BY s.id`
/**
 * The same question in plain SQL over the per site × item sums kept as the ledger posts (site_item_stock), less the
 * balances of the lots expired on the day: what the projection makes possible, without the rules.
 */
const BASE_COMPLIANCE_PROJECTION = `WITH expired AS (SELECT b.site_id, b.item_id, SUM(b.quantity) AS q FROM lots l
    CROSS JOIN stock_balances b ON b.item_id = l.item_id AND b.lot_id = l.id WHERE l.expiry_date < @d AND b.quantity > 0 GROUP BY b.site_id, b.item_id)
  SELECT s.id, count(*) AS required, SUM(coalesce(p.on_hand, 0) - coalesce(e.q, 0) >= t.quantity) AS met
  FROM sites s JOIN tier_targets t ON t.tier = s.tier AND t.plan_year = 2026 AND t.region_code IS NULL AND t.site_id IS NULL AND t.required = 1
  LEFT JOIN site_item_stock p ON p.site_id = s.id AND p.item_id = t.item_id
  LEFT JOIN expired e ON e.site_id = s.id AND e.item_id = t.item_id
  WHERE s.status = 'active' GROUP BY s.id`

export function benchCity(dir: string, log: (m: string) => void = console.log): { rows: CityRow[]; size: ReturnType<typeof buildCity> } {
  const core = createCore({ file: databaseFileIn(dir), seed: 'reference', today: () => TODAY })
  const size = buildCity(core, log)
  const ctx = core.context()
  const db = core.db.$client
  // as an installation's file is between sessions: the build's write-ahead log folded into the database
  db.pragma('wal_checkpoint(TRUNCATE)')
  const runs = 10
  const rows: CityRow[] = []
  coverage(ctx); compliance(ctx) // warm the statement cache and the page cache, both sides alike
  db.prepare(BASE_COVERAGE).all({ d: TODAY }); db.prepare(BASE_COMPLIANCE).all({ d: TODAY })
  // the two compliance baselines answer alike (the city has no balance below zero, where they would differ)
  if (JSON.stringify(db.prepare(BASE_COMPLIANCE).all({ d: TODAY })) !== JSON.stringify(db.prepare(BASE_COMPLIANCE_PROJECTION).all({ d: TODAY }))) {
    throw new Error('the plain SQL baselines over the balances and over site_item_stock disagree')
  }
  rows.push({
    name: `coverage of the whole city (${size.communities.toLocaleString('en')} communities, ${size.sites.toLocaleString('en')} sites)`,
    ours: best(runs, () => coverage(ctx)), base: best(runs, () => db.prepare(BASE_COVERAGE).all({ d: TODAY })),
    unit: 'ms', note: 'per street + district + uncovered list; baseline: one GROUP BY',
  })
  const ours = best(runs, () => compliance(ctx))
  rows.push({
    name: `compliance of the whole city (every site × targeted item, ${size.balances.toLocaleString('en')} balances)`,
    ours, base: best(runs, () => db.prepare(BASE_COMPLIANCE).all({ d: TODAY })),
    unit: 'ms', note: 'overrides, per-1 000 targets, agreements, roll-ups, from site_item_stock less expired lots; baseline: base targets only, one GROUP BY over every balance joined to its lot',
  })
  rows.push({
    name: 'compliance of the whole city, against plain SQL over site_item_stock',
    ours, base: best(runs, () => db.prepare(BASE_COMPLIANCE_PROJECTION).all({ d: TODAY })),
    unit: 'ms', note: 'the same measurement of ours; baseline: base targets only, joined to the per site × item sums less the balances of expired lots',
  })
  core.close()
  return { rows, size }
}

export function citySection(rows: CityRow[]): string {
  const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0))
  return ['<!-- city:start -->', '## Whole city: coverage and compliance', '',
    'Shanghai\'s 16 districts imported from the bundled division data (`bench/city.ts`). Target: under 100 ms each.',
    `Load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (a shared machine: the milliseconds`,
    'swing several-fold with the load; the ratio to plain SQL over the same tables in the same run is the figure to compare).', '',
    '| what | ours | plain SQL | ratio (ours ÷ SQL) | unit | note |', '|---|---:|---:|---:|---|---|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.ours)} | ${fmt(r.base)} | **${(r.ours / r.base).toFixed(1)}×** | ${r.unit} | ${r.note} |`),
    '', 'Compliance reads stock per site × item from `site_item_stock`, kept by triggers on `stock_balances` as the ledger posts',
    '(migration 0010), less the balances of the lots expired on the day (few next to all), instead of summing every balance.',
    ...(rows.some((r) => r.ours > 100) ? ['', 'Over the 100 ms target where a row says more than 100 (see the load average above).'] : []),
    '<!-- city:end -->', ''].join('\n')
}

/** Puts this section into the text of BENCHMARKS.md in place of the last one, leaving every other section alone. */
export function withCitySection(md: string, section: string): string {
  const marked = /<!-- city:start -->[\s\S]*?<!-- city:end -->\n?/
  if (marked.test(md)) return md.replace(marked, section)
  // the first layout had no markers: the section ran from its heading to the next marker or heading
  const at = md.indexOf('## Whole city: coverage and compliance')
  if (at < 0) return `${md.trimEnd()}\n\n${section}`
  const rest = md.slice(at + 1)
  const next = rest.search(/\n(<!-- |## )/)
  return md.slice(0, at) + section + (next < 0 ? '' : rest.slice(next + 1))
}

/** Replaces (or appends) this section of BENCHMARKS.md. */
export function writeCitySection(section: string): void {
  const file = path.join(__dirname, '..', 'BENCHMARKS.md')
  const md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
  fs.writeFileSync(file, withCitySection(md, section))
}

if (require.main === module) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-city-'))
  try {
    const { rows } = benchCity(dir)
    const section = citySection(rows)
    console.log(section)
    writeCitySection(section)
  } finally { fs.rmSync(dir, { recursive: true, force: true }) }
}
