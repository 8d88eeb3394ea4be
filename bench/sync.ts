/**
 * `npm run bench:sync`: sync at district scale, as ratios against raw better-sqlite3 in the same run.
 *  1. A first sync of BENCH_SYNC_EVENTS (default 1 000 000) events through a shared folder: read, checksum,
 *     store and apply, beside raw prepared inserts of the same rows into the same schema.
 *  2. BENCH_DEVICES (default 200) simulated devices syncing with the hub over loopback HTTP for BENCH_HUB_SECONDS
 *     (default 60), then settling: nothing may be lost (every device's events at the hub, every device holding
 *     every event, the hub's ledger equal to the receipts sent).
 * Writes its own section of BENCHMARKS.md (between sync markers), which bench/run.ts keeps.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn } from '../core/app'
import { createSite } from '../core/network/sites'
import { eventsSince, vectorOf } from '../core/sync/exchange'
import { segmentBytes, syncFolder } from '../core/sync/folder'
import { startFolderSync } from '../core/sync/folder-job'
import { publishSnapshot } from '../core/sync/snapshot'
import { holdCore } from '../core/holder'
import type { SyncEvent } from '../core/sync/registry'
import { registerDevice, type SyncAnswer } from '../core/sync/hub'
import { createHub } from '../server/hub'

const N = Number(process.env.BENCH_SYNC_EVENTS ?? 1_000_000)
const DEVICES = Number(process.env.BENCH_DEVICES ?? 200)
const HUB_SECONDS = Number(process.env.BENCH_HUB_SECONDS ?? 60)
const SEG = 5000
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6
const hlc = (msTime: number, r: string) => `${String(msTime).padStart(15, '0')}-00000-${r}`

/** A 1-line receipt of a new lot at one of 100 sites: the bulk of a district's history. */
function receiptEvent(r: string, seq: number, i: number, base: number): SyncEvent {
  const lot = `${r}-L${i}`
  return {
    id: `${r}:${seq}`, replicaId: r, seq, hlc: hlc(base + i, r), type: 'stock.document.posted', version: 1, entityId: `${r}-d${i}`, author: 'bench',
    payload: {
      id: `${r}-d${i}`, docNo: `RK20260501-${r.toUpperCase()}-${i}`, type: 'receipt', subtype: null, siteId: `B-${i % 100}`, counterpartySiteId: null,
      counterparty: null, docDate: '2026-05-01', reason: null, reversesDocId: null, incidentId: null, transferOrderId: null, handledBy: null, replicaId: r,
      lots: [{ id: lot, itemId: 'SH-001', lotNo: lot, productionDate: null, expiryDate: '2030-01-01', supplier: null, unitCost: null }],
      lines: [{ lineNo: 1, itemId: 'SH-001', lotId: lot, quantity: 1 + (i % 7), unitCost: null, note: null }],
    },
  }
}

const TAIL = 5000

async function benchFolder(dir: string) {
  // The district office: 100 sites made as a user would, then N receipts written straight into the folder.
  const source = createCore({ file: ':memory:', seed: 'reference', today: () => '2026-06-01' })
  for (let i = 0; i < 100; i++) createSite(source.context(), { id: `B-${i}`, code: `B-${i}`, name: `基准库${i}`, tier: 'street', regionCode: '310117001000' })
  const folder = path.join(dir, 'share')
  fs.mkdirSync(folder)
  syncFolder(source.context(), folder) // format.json and the sites
  const r = source.replicaId
  const first = vectorOf(source.db)[r] + 1
  const segDir = path.join(folder, 'replicas', r, 'segments')
  const base = Date.now() + 1000 // after the sites were made, as receipts at those sites are
  const writeSegments = (from0: number, count: number) => {
    for (let from = from0; from < from0 + count; from += SEG) {
      const evs = Array.from({ length: Math.min(SEG, from0 + count - from) }, (_, k) => receiptEvent(r, first + from + k, from + k, base))
      fs.writeFileSync(path.join(segDir, `${evs[0].seq}-${evs[evs.length - 1].seq}.ndjson`), segmentBytes(r, evs))
    }
  }
  const tw = process.hrtime.bigint()
  writeSegments(0, N)
  const writeMs = ms(tw)
  source.close()
  const bytes = fs.readdirSync(segDir).reduce((s, f) => s + fs.statSync(path.join(segDir, f)).size, 0)

  // (b) Event by event: an office's first sync through the folder without a snapshot — read, checksum, store and
  // apply every event (file database, WAL, synchronous=FULL as installed).
  const officeDir = path.join(dir, 'office'); fs.mkdirSync(officeDir)
  const office = createCore({ file: databaseFileIn(officeDir), seed: 'reference', today: () => '2026-06-01' })
  let lastPct = -1
  const loadEvents = os.loadavg()[0]
  const t0 = process.hrtime.bigint()
  const res = syncFolder(office.context(), folder, {
    onProgress: (phase, done, total) => {
      const pct = Math.floor((done / total) * 10) * 10
      if (phase === 'import' && pct !== lastPct) { lastPct = pct; process.stdout.write(`  import ${pct}%\r`) }
    },
  })
  const oursMs = ms(t0)
  const c = office.db.$client
  const movements = c.prepare('SELECT count(*) FROM stock_movements').pluck().get() as number
  const pending = c.prepare('SELECT count(*) FROM events WHERE applied_at IS NULL').pluck().get() as number
  if (res.imported !== N + 100 || movements !== N || pending !== 0) throw new Error(`first sync incomplete: ${JSON.stringify({ imported: res.imported, movements, pending })}`)

  // This office publishes a snapshot for the next ones (not part of anyone's first sync: it happens at its sync).
  const tp = process.hrtime.bigint()
  const published = await publishSnapshot(office.db, { folder, replicaId: office.replicaId, threshold: Math.min(50_000, N / 2), workDir: officeDir })
  const publishMs = ms(tp)
  if (!published.published) throw new Error('no snapshot published')
  const dbBytes = fs.statSync(databaseFileIn(officeDir)).size
  office.close()
  // … and the district goes on: a tail of events after the snapshot, which the next office imports as events.
  writeSegments(N, TAIL)

  // (a) A new office's first sync from that snapshot, through its CoreHolder as the app runs it: verify and copy
  // the snapshot, bring it to the schema, carry its own tables over, swap, then import the tail by events.
  const newDir = path.join(dir, 'new-office'); fs.mkdirSync(newDir)
  const holder = holdCore(() => createCore({ file: databaseFileIn(newDir), seed: 'reference', today: () => '2026-06-01' }))
  holder.core.call('sync.setFolder', { folder })
  const phases: Record<string, number> = {}
  const loadSnapshot = os.loadavg()[0]
  const t2 = process.hrtime.bigint()
  let phase = ''
  let phaseAt = process.hrtime.bigint()
  const { job, done } = startFolderSync(holder.core.context(), {
    publishAfter: 50_000, bootstrapAfter: Math.min(10_000, N / 2),
    onProgress: (p) => {
      if (p === phase) return
      if (phase) phases[phase] = (phases[phase] ?? 0) + ms(phaseAt)
      phase = p
      phaseAt = process.hrtime.bigint()
    },
  })
  await done
  if (phase) phases[phase] = (phases[phase] ?? 0) + ms(phaseAt)
  const snapshotMs = ms(t2)
  if (job.error) throw job.error
  const n = holder.core.db.$client
  const nMovements = n.prepare('SELECT count(*) FROM stock_movements').pluck().get() as number
  const nEvents = n.prepare('SELECT count(*) FROM events').pluck().get() as number
  const nPending = n.prepare('SELECT count(*) FROM events WHERE applied_at IS NULL').pluck().get() as number
  if (!job.bootstrap || nMovements !== N + TAIL || nEvents !== N + TAIL + 100 || nPending !== 0) {
    throw new Error(`snapshot first sync incomplete: ${JSON.stringify({ bootstrap: job.bootstrap, nMovements, nEvents, nPending })}`)
  }
  holder.close()

  // (c) Raw: the same rows (event, lot, 4 field clocks, document, line, movement, balance) into the same schema, with
  // prepared statements in transactions of 50 000 — no parsing, checks or ordering.
  const rawDir = path.join(dir, 'raw'); fs.mkdirSync(rawDir)
  const raw = createCore({ file: databaseFileIn(rawDir), seed: 'reference', today: () => '2026-06-01' })
  const d = raw.db.$client
  for (let i = 0; i < 100; i++) d.prepare("INSERT INTO sites (id, code, name, tier, region_code) VALUES (?, ?, ?, 'street', '310117001000')").run(`B-${i}`, `B-${i}`, `基准库${i}`)
  const s = {
    ev: d.prepare('INSERT INTO events (id, replica_id, seq, hlc, type, version, entity_id, payload, author, applied_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)'),
    lot: d.prepare('INSERT INTO lots (id, item_id, lot_no, expiry_date) VALUES (?, ?, ?, ?)'),
    clock: d.prepare("INSERT INTO field_clocks (entity, entity_id, field, hlc, event_id) VALUES ('lot', ?, ?, ?, ?)"),
    doc: d.prepare('INSERT INTO documents (id, doc_no, type, site_id, doc_date, author, replica_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    line: d.prepare('INSERT INTO document_lines (document_id, line_no, item_id, lot_id, quantity) VALUES (?, 1, ?, ?, ?)'),
    move: d.prepare('INSERT INTO stock_movements (document_id, line_no, site_id, item_id, lot_id, quantity, moved_on) VALUES (?, 1, ?, ?, ?, ?, ?)'),
    bal: d.prepare('INSERT INTO stock_balances (site_id, item_id, lot_id, quantity) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity'),
  }
  const rr = 'raw00001'
  const now = new Date().toISOString()
  const loadRaw = os.loadavg()[0]
  const t1 = process.hrtime.bigint()
  for (let from = 0; from < N; from += 50_000) {
    d.transaction(() => {
      for (let i = from; i < Math.min(N, from + 50_000); i++) {
        const e = receiptEvent(rr, i + 1, i, base)
        const p = e.payload as { id: string; docNo: string; siteId: string; lots: Array<{ id: string; lotNo: string }>; lines: Array<{ quantity: number }> }
        s.ev.run(e.id, rr, e.seq, e.hlc, e.type, e.entityId, JSON.stringify(e.payload), 'bench', now)
        s.lot.run(p.lots[0].id, 'SH-001', p.lots[0].lotNo, '2030-01-01')
        for (const f of ['productionDate', 'expiryDate', 'supplier', 'unitCost']) s.clock.run(p.lots[0].id, f, e.hlc, e.id)
        s.doc.run(p.id, p.docNo, 'receipt', p.siteId, '2026-05-01', 'bench', rr, e.id)
        s.line.run(p.id, 'SH-001', p.lots[0].id, p.lines[0].quantity)
        s.move.run(p.id, p.siteId, 'SH-001', p.lots[0].id, p.lines[0].quantity, '2026-05-01')
        s.bal.run(p.siteId, 'SH-001', p.lots[0].id, p.lines[0].quantity)
      }
    })()
  }
  const rawMs = ms(t1)
  raw.close()
  return {
    writeMs, oursMs, rawMs, bytes, publishMs, snapshotBytes: published.bytes!, dbBytes, snapshotMs, phases,
    reapplied: job.bootstrap.reapplied, load: { events: loadEvents, snapshot: loadSnapshot, raw: loadRaw },
  }
}

interface Device { token: string; replicaId: string; seq: number; vector: Record<string, number>; sent: number; requests: number; latencies: number[] }

async function benchHub(dir: string) {
  const hub = await createHub({ dataDir: path.join(dir, 'hub'), seed: 'reference', today: () => '2026-06-01' })
  const hubCtx = hub.core.context()
  for (let i = 0; i < 100; i++) createSite(hubCtx, { id: `B-${i}`, code: `B-${i}`, name: `基准库${i}`, tier: 'street', regionCode: '310117001000' })
  const url = await hub.app.listen({ port: 0, host: '127.0.0.1' })
  const devices: Device[] = Array.from({ length: DEVICES }, (_, k) => ({
    token: registerDevice(hubCtx, { name: `设备${k}`, scopeKind: 'district' }).token, replicaId: `d${String(k).padStart(7, '0')}`,
    seq: 0, vector: {}, sent: 0, requests: 0, latencies: [],
  }))
  const base = Date.now()
  const unsent = new Map<Device, SyncEvent[]>(devices.map((d) => [d, []]))
  let duplicates = 0
  const once = async (d: Device) => {
    const events = unsent.get(d)!
    const t = process.hrtime.bigint()
    const res = await fetch(`${url}/sync`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
      body: JSON.stringify({ vector: { ...d.vector, [d.replicaId]: d.seq }, events }),
    })
    if (!res.ok) throw new Error(`device ${d.replicaId}: HTTP ${res.status} ${await res.text()}`)
    const answer = (await res.json()) as SyncAnswer
    d.latencies.push(ms(t)); d.requests++
    d.sent += events.length
    unsent.set(d, [])
    for (const e of answer.events) {
      if (e.replicaId === d.replicaId) continue
      const have = d.vector[e.replicaId] ?? 0
      if (e.seq === have + 1) d.vector[e.replicaId] = e.seq
      else if (e.seq <= have) duplicates++
    }
    return answer.more
  }
  let stop = false
  const tStart = process.hrtime.bigint()
  const loops = devices.map(async (d, k) => {
    await new Promise((r) => setTimeout(r, (k * 37) % 2000))
    while (!stop) {
      // 1–3 receipts, then a sync; a pause of 1–3 s as a keeper between documents.
      const n = 1 + ((d.seq + k) % 3)
      for (let j = 0; j < n; j++) { d.seq++; unsent.get(d)!.push(receiptEvent(d.replicaId, d.seq, d.seq, base)) }
      while (await once(d)) { /* drain what the hub has for us */ }
      await new Promise((r) => setTimeout(r, 1000 + ((d.seq * 7919 + k) % 2000)))
    }
  })
  await new Promise((r) => setTimeout(r, HUB_SECONDS * 1000))
  stop = true
  await Promise.all(loops)
  const loadSeconds = ms(tStart) / 1000
  // Settle: everyone syncs until the hub has nothing more for them, twice round.
  for (let round = 0; round < 2; round++) for (const d of devices) while (await once(d)) { /* more */ }
  const hubVector = vectorOf(hub.core.db)
  const created = devices.reduce((s, d) => s + d.seq, 0)
  const lostAtHub = devices.reduce((s, d) => s + Math.max(0, d.seq - (hubVector[d.replicaId] ?? 0)), 0)
  let lostAtDevices = 0
  for (const d of devices) for (const o of devices) if (o !== d) lostAtDevices += Math.max(0, o.seq - (d.vector[o.replicaId] ?? 0))
  const movements = hub.core.db.$client.prepare("SELECT count(*) FROM stock_movements WHERE document_id LIKE 'd%'").pluck().get() as number
  const lat = devices.flatMap((d) => d.latencies).sort((a, b) => a - b)
  const requests = devices.reduce((s, d) => s + d.requests, 0)
  await hub.app.close()
  void eventsSince
  return { created, lostAtHub, lostAtDevices, movements, requests, loadSeconds, duplicates, p50: lat[Math.floor(lat.length / 2)], p95: lat[Math.floor(lat.length * 0.95)] }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-bench-sync-'))
  try {
    console.log(`… first sync of ${N.toLocaleString('en')} events through a folder: by events, from a snapshot, and raw inserts`)
    const f = await benchFolder(dir)
    console.log(`  events ${f.oursMs.toFixed(0)} ms, snapshot ${f.snapshotMs.toFixed(0)} ms (${JSON.stringify(f.phases)}), raw ${f.rawMs.toFixed(0)} ms, publish ${f.publishMs.toFixed(0)} ms`)
    const h = DEVICES > 0 ? await (async () => { console.log(`… ${DEVICES} devices against the hub for ${HUB_SECONDS} s`); return benchHub(dir) })() : null
    if (h) console.log(`  ${JSON.stringify(h)}`)
    const file = path.join(__dirname, '..', 'BENCHMARKS.md')
    const md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
    const perEvent = (msTotal: number, n: number) => msTotal / n
    const rate = perEvent(f.rawMs, N) / perEvent(f.oursMs, N + 100)
    const s1 = (x: number) => (x / 1000).toFixed(1)
    const ph = (k: string) => (f.phases[k] !== undefined ? `${s1(f.phases[k])} s` : '—')
    const hubTable = h ? `| ${DEVICES} devices syncing with the hub on loopback for ${HUB_SECONDS} s | result |
|---|---|
| events created by the devices (1-line receipts) | ${h.created.toLocaleString('en')} |
| requests | ${h.requests.toLocaleString('en')} (${(h.requests / h.loadSeconds).toFixed(0)}/s), latency p50 ${h.p50.toFixed(0)} ms, p95 ${h.p95.toFixed(0)} ms (hub and devices in one process) |
| lost at the hub / lost at the devices after settling | **${h.lostAtHub} / ${h.lostAtDevices}** |
| hub ledger movements of the devices' receipts | ${h.movements.toLocaleString('en')} (= events created: ${h.movements === h.created ? 'yes' : 'NO'}) |
| events received twice by a device (re-sent beyond a gap, not applied twice) | ${h.duplicates} |
` : previousHubTable(md)
    const section = `<!-- sync:start -->
## Sync (bench/sync.ts, \`npm run bench:sync\`)

- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores (shared with other work: the 1-minute load average is noted per row); Node ${process.version}; date ${new Date().toISOString().slice(0, 10)}
- The same ${N.toLocaleString('en')} one-line receipts of new lots at 100 sites (${(f.bytes / 1e6).toFixed(0)} MB of segments; writing them took ${s1(f.writeMs)} s), three ways, in one run.

| what | time | load avg | note |
|---|---:|---:|---|
| **(a) first sync from a snapshot**: a new office, through its CoreHolder as the app runs it | **${s1(f.snapshotMs)} s** | ${f.load.snapshot.toFixed(1)} | copy and sha256 of the ${(f.snapshotBytes / 1e6).toFixed(0)} MB snapshot ${ph('snapshot-copy')}; schema check, carry-over of the office's own tables and events (${f.reapplied} re-applied), swap ${ph('snapshot-apply')}; then the ordinary segment pass ${ph('import')}: the ${TAIL.toLocaleString('en')} events published after the snapshot imported by events; the segments of the ${N.toLocaleString('en')} it covers are not read this time (the next ordinary sync checks them) |
| (b) first sync event by event (no snapshot): read, checksum, store, apply | ${s1(f.oursMs)} s (${Math.round((N + 100) / (f.oursMs / 1000)).toLocaleString('en')} events/s) | ${f.load.events.toFixed(1)} | \`syncFolder\`: one transaction per 50 000 events (the app's background job takes 10 000 and pauses between them); each event stored as applied in the same insert; fast path of prepared statements for received postings, 500 to a savepoint |
| (c) raw better-sqlite3: prepared inserts of the same rows (event, lot, 4 field clocks, document, line, movement, balance) | ${s1(f.rawMs)} s | ${f.load.raw.toFixed(1)} | transactions of 50 000; no parsing, checks or ordering |
| **apply rate of (b) vs raw (c)** (target ≥ 0.33) | **${rate.toFixed(2)}** | | events per second of (b) ÷ rows-per-event per second of (c) |
| publishing the snapshot (the exporting office, at its own sync; not part of (a)) | ${s1(f.publishMs)} s | | VACUUM INTO a copy of its ${(f.dbBytes / 1e6).toFixed(0)} MB database, local tables emptied with secure_delete, sha256, copy into the folder under a temporary name, rename, manifest |

What each path does. **Snapshot**: the exporting office publishes \`replicas/<id>/snapshot/<covered>-<sha>.db\` and its manifest
(format, schema level, district, version vector, event count, size, sha256) when it holds ≥ 50 000 events that no snapshot in the folder covers.
A new office whose lack is ≥ 10 000 events of a snapshot copies it beside its own file while hashing it (a truncated, bad-checksum,
newer-schema or other-district snapshot is skipped with its reason and the events path is used), migrates it if older, carries its
accounts, sessions, audit, settings and devices over, re-applies through the appliers every event it holds that the snapshot lacks,
and the CoreHolder swaps the file in (old file kept aside until the new one is open). The sync then goes on as usual for what remains.
An office holding applied changes of a kind no applier of this build can make again (every type core appends has one — a test checks —
so only events of an unknown type) does not start from a snapshot — it would lose them — and syncs by events.
**Events**: every event is parsed, checked, stored and applied through the appliers in HLC order; (b) is what an incremental sync does per event.

${hubTable}<!-- sync:end -->
`
    const kept = md.replace(/\n?<!-- sync:start -->[\s\S]*<!-- sync:end -->\n?/, '\n')
    fs.writeFileSync(file, `${kept.trimEnd()}\n\n${section}`)
    console.log('wrote the sync section of BENCHMARKS.md')
    if (h && (h.lostAtHub || h.lostAtDevices || h.movements !== h.created)) process.exitCode = 1
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** With BENCH_DEVICES=0 the hub part is not run: the table of the last run that did run it is kept, marked so. */
function previousHubTable(md: string): string {
  const m = /\n(\| \d+ devices syncing with the hub[\s\S]*?)<!-- sync:end -->/.exec(md)
  if (!m) return '(hub part not run: BENCH_DEVICES=0)\n'
  const table = m[1].replace(/^\(not re-run[^\n]*\n/m, '')
  return `(not re-run in this run: BENCH_DEVICES=0; the hub table below is from the previous run that ran it)\n\n${table.replace(/^\(not re-run[^\n]*\n\n/, '')}`
}

void main()
