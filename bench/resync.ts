/**
 * `npm run bench:resync`: what an ordinary folder sync costs when there is nothing new — an office that holds
 * every event of a folder of BENCH_RESYNC_SEGMENTS (default 2 000) old segments syncs again — as a ratio to the
 * least any sync must do: list the folder's directories and stat each segment. Beside it, the same sync with the
 * remembered checks emptied (every held segment read and checksummed: what every sync did before, and what the
 * daily full check does), and the origins lookup of eventsSince (every hub request) on a log of
 * BENCH_RESYNC_EVENTS (default 1 000 000) events: SELECT DISTINCT replica_id FROM events vs the replicas table.
 * Writes its own section of BENCHMARKS.md (between resync markers); bench/run.ts keeps it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn } from '../core/app'
import { createSite } from '../core/network/sites'
import { postReceipt } from '../core/stock/ledger'
import { eventsSince, vectorOf } from '../core/sync/exchange'
import { syncFolder, VERIFIED_KEY } from '../core/sync/folder'

const SEGMENTS = Number(process.env.BENCH_RESYNC_SEGMENTS ?? 2000)
const PER_SEGMENT = 5
const LOG_EVENTS = Number(process.env.BENCH_RESYNC_EVENTS ?? 1_000_000)
const LOG_REPLICAS = 200
const RUNS = 7
const FOLDER_RUNS = 15

function time(fn: () => void): number {
  const t = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t) / 1e6
}
/** Best of `runs`: the least disturbed measurement. */
const best = (runs: number, fn: () => void) => Math.min(...Array.from({ length: runs }, () => time(fn)))

/** The least a sync must do to see what changed: list each replica's segments and stat every one. */
function listAndStat(folder: string): number {
  let n = 0
  const root = path.join(folder, 'replicas')
  for (const r of fs.readdirSync(root)) {
    const dir = path.join(root, r, 'segments')
    for (const name of fs.readdirSync(dir)) { fs.statSync(path.join(dir, name)); n++ }
  }
  return n
}

interface Result {
  segments: number; events: number; bytes: number
  rawMs: number; warmMs: number; coldMs: number
  logEvents: number; distinctMs: number; replicasMs: number; sinceMs: number
}

export function benchResync(dir: string): Result {
  // An office with SEGMENTS × PER_SEGMENT receipts, exported in segments of PER_SEGMENT; a second office imports them.
  const a = createCore({ file: databaseFileIn(path.join(dir, 'a')), seed: 'reference', today: () => '2026-06-01' })
  const item = a.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
  createSite(a.context(), { id: 'site-1', code: 'S1', name: '中山街道储备库', tier: 'street', regionCode: '310117001000' })
  const receipts = SEGMENTS * PER_SEGMENT - 1
  for (let i = 0; i < receipts; i++) {
    postReceipt(a.context(), { id: `doc-${i}`, siteId: 'site-1', docDate: '2026-05-01', lines: [{ itemId: item, lotNo: `L${i}`, expiryDate: '2030-01-01', quantity: 1 + (i % 7) }] })
  }
  const folder = path.join(dir, 'folder'); fs.mkdirSync(folder)
  syncFolder(a.context(), folder, { segmentSize: PER_SEGMENT })
  a.close()
  // old segments: written long ago (a file written in the last seconds is checked again until its mtime can vouch)
  const old = new Date(Date.now() - 7 * 24 * 3600_000)
  let bytes = 0
  const root = path.join(folder, 'replicas')
  for (const r of fs.readdirSync(root)) {
    const d = path.join(root, r, 'segments')
    for (const f of fs.readdirSync(d)) { fs.utimesSync(path.join(d, f), old, old); bytes += fs.statSync(path.join(d, f)).size }
  }
  const b = createCore({ file: databaseFileIn(path.join(dir, 'b')), seed: 'reference', today: () => '2026-06-01' })
  const first = syncFolder(b.context(), folder, { segmentSize: PER_SEGMENT })
  if (first.imported !== SEGMENTS * PER_SEGMENT || first.skipped.length) throw new Error(`first sync incomplete: ${JSON.stringify(first)}`)
  const segments = listAndStat(folder)
  if (segments !== SEGMENTS) throw new Error(`expected ${SEGMENTS} segments, found ${segments}`)

  const nothingNew = () => {
    const r = syncFolder(b.context(), folder, { segmentSize: PER_SEGMENT })
    if (r.imported || r.segmentsWritten || r.skipped.length) throw new Error(`re-sync did something: ${JSON.stringify(r)}`)
  }
  // in rounds, so that the three see the same load (a cold sync ends with every segment remembered again)
  const forget = b.db.$client.prepare('DELETE FROM settings WHERE key = ?')
  let rawMs = Infinity, warmMs = Infinity, coldMs = Infinity
  for (let i = 0; i < FOLDER_RUNS; i++) {
    rawMs = Math.min(rawMs, time(() => listAndStat(folder)))
    warmMs = Math.min(warmMs, time(nothingNew))
    coldMs = Math.min(coldMs, time(() => { forget.run(VERIFIED_KEY); nothingNew() }))
  }
  b.close()

  // The hub's log: LOG_EVENTS events of LOG_REPLICAS replicas; a request that lacks nothing.
  const h = createCore({ file: databaseFileIn(path.join(dir, 'h')), seed: 'reference', today: () => '2026-06-01' })
  const c = h.db.$client
  const ev = c.prepare(`INSERT INTO events (id, replica_id, seq, hlc, type, version, entity_id, payload, author, applied_at)
    VALUES (?, ?, ?, ?, 'bench.noop', 1, ?, '{}', 'bench', 'x')`)
  const rep = c.prepare('INSERT INTO replicas (id, is_local, seen_seq) VALUES (?, 0, ?)')
  const per = Math.ceil(LOG_EVENTS / LOG_REPLICAS)
  for (let r = 0; r < LOG_REPLICAS; r++) {
    const rid = `r${String(r).padStart(4, '0')}`
    c.transaction(() => {
      for (let s = 1; s <= per; s++) ev.run(`${rid}:${s}`, rid, s, `${String(1e12 + s).padStart(15, '0')}-00000-${rid}`, `e${s}`)
      rep.run(rid, per)
    })()
  }
  c.pragma('wal_checkpoint(TRUNCATE)')
  const logEvents = c.prepare('SELECT count(*) FROM events').pluck().get() as number
  const distinct = c.prepare('SELECT DISTINCT replica_id AS id FROM events').pluck()
  const replicas = c.prepare('SELECT id FROM replicas').pluck()
  const distinctMs = best(RUNS, () => distinct.all())
  const replicasMs = best(RUNS, () => replicas.all())
  const full = vectorOf(h.db)
  const sinceMs = best(RUNS, () => { if (eventsSince(h.db, full).length) throw new Error('lacks something') })
  h.close()
  return { segments, events: SEGMENTS * PER_SEGMENT, bytes, rawMs, warmMs, coldMs, logEvents, distinctMs, replicasMs, sinceMs }
}

export function resyncSection(r: Result): string {
  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0))
  return ['<!-- resync:start -->', '## Ordinary folder sync with nothing new (bench/resync.ts, `npm run bench:resync`)', '',
    `An office holding every event of a folder of ${r.segments.toLocaleString('en')} old segments (${r.events.toLocaleString('en')} events, ${(r.bytes / 1e6).toFixed(1)} MB) syncs again;`,
    `best of ${FOLDER_RUNS} rounds (the three measured in turn in each). Load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (shared machine: compare the ratios). Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`, '',
    '| what | ms | ratio to listing + stat |', '|---|---:|---:|',
    `| listing the folder's directories and a stat of every segment (the least a sync can do) | ${f(r.rawMs)} | 1.0× |`,
    `| **re-sync, segments found good before remembered** (size + mtime per segment in the settings) | **${f(r.warmMs)}** | **${(r.warmMs / r.rawMs).toFixed(1)}×** |`,
    `| re-sync with nothing remembered: every held segment read and checksummed (what every sync did before, plus the stat; now the first sync of a folder and once a day) | ${f(r.coldMs)} | ${(r.coldMs / r.rawMs).toFixed(1)}× |`,
    '', 'What the remembered re-sync does beyond listing + stat: it reads and parses what it remembered (one settings row, some 60 bytes per',
    'segment), lists the folder a second way (per replica, names checked), reads format.json and the vector, and asks eventsSince what to export.',
    '',
    `The origins of eventsSince (on every hub request), on a log of ${r.logEvents.toLocaleString('en')} events of ${LOG_REPLICAS} replicas:`,
    `\`SELECT DISTINCT replica_id FROM events\` ${f(r.distinctMs)} ms → \`SELECT id FROM replicas\` ${f(r.replicasMs)} ms`,
    `(${(r.distinctMs / r.replicasMs).toFixed(0)}× less); a whole eventsSince that finds nothing lacking now takes ${f(r.sinceMs)} ms (${LOG_REPLICAS} index seeks).`,
    '<!-- resync:end -->', ''].join('\n')
}

/** Puts this section into the text of BENCHMARKS.md in place of the last one (or at the end), leaving the rest alone. */
export function withResyncSection(md: string, section: string): string {
  const marked = /<!-- resync:start -->[\s\S]*?<!-- resync:end -->\n?/
  return marked.test(md) ? md.replace(marked, section) : `${md.trimEnd()}\n\n${section}`
}

if (require.main === module) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-resync-'))
  try {
    const r = benchResync(dir)
    console.log(JSON.stringify(r))
    const section = resyncSection(r)
    console.log(section)
    const file = path.join(__dirname, '..', 'BENCHMARKS.md')
    const md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
    fs.writeFileSync(file, withResyncSection(md, section))
  } finally { fs.rmSync(dir, { recursive: true, force: true }) }
}
