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
import { createSite } from '../core/services/network'
import { eventsSince, vectorOf } from '../core/sync/exchange'
import { segmentBytes, syncFolder } from '../core/sync/folder'
import type { SyncEvent } from '../core/sync/appliers'
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
  const tw = process.hrtime.bigint()
  for (let from = 0; from < N; from += SEG) {
    const evs = Array.from({ length: Math.min(SEG, N - from) }, (_, k) => receiptEvent(r, first + from + k, from + k, base))
    fs.writeFileSync(path.join(segDir, `${evs[0].seq}-${evs[evs.length - 1].seq}.ndjson`), segmentBytes(r, evs))
  }
  const writeMs = ms(tw)
  source.close()
  const bytes = fs.readdirSync(segDir).reduce((s, f) => s + fs.statSync(path.join(segDir, f)).size, 0)

  // Ours: a new office's first sync through the folder (file database, WAL, synchronous=FULL as installed).
  const officeDir = path.join(dir, 'office'); fs.mkdirSync(officeDir)
  const office = createCore({ file: databaseFileIn(officeDir), seed: 'reference', today: () => '2026-06-01' })
  let lastPct = -1
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
  office.close()

  // Raw: the same rows (event, lot, 4 field clocks, document, line, movement, balance) into the same schema, with
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
  return { writeMs, oursMs, rawMs, bytes }
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
    console.log(`… first sync of ${N.toLocaleString('en')} events through a folder`)
    const f = await benchFolder(dir)
    console.log(`  ours ${f.oursMs.toFixed(0)} ms, raw ${f.rawMs.toFixed(0)} ms`)
    console.log(`… ${DEVICES} devices against the hub for ${HUB_SECONDS} s`)
    const h = await benchHub(dir)
    console.log(`  ${JSON.stringify(h)}`)
    const section = `<!-- sync:start -->
## Sync (bench/sync.ts, \`npm run bench:sync\`)

- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}; date ${new Date().toISOString().slice(0, 10)}

| what | ours | raw better-sqlite3 | raw ÷ ours (apply rate vs raw; target ≥ 0.33) | note |
|---|---:|---:|---:|---|
| first sync of ${N.toLocaleString('en')} events through a folder (${(f.bytes / 1e6).toFixed(0)} MB of segments): read, checksum, store, apply | ${(f.oursMs / 1000).toFixed(1)} s (${Math.round(N / (f.oursMs / 1000)).toLocaleString('en')} events/s) | ${(f.rawMs / 1000).toFixed(1)} s | **${(f.rawMs / f.oursMs).toFixed(2)}** | raw: prepared inserts of the same rows (event, lot, 4 field clocks, document, line, movement, balance) into the same schema; file DB, WAL. Writing the segments took ${(f.writeMs / 1000).toFixed(1)} s |

| ${DEVICES} devices syncing with the hub on loopback for ${HUB_SECONDS} s | result |
|---|---|
| events created by the devices (1-line receipts) | ${h.created.toLocaleString('en')} |
| requests | ${h.requests.toLocaleString('en')} (${(h.requests / h.loadSeconds).toFixed(0)}/s), latency p50 ${h.p50.toFixed(0)} ms, p95 ${h.p95.toFixed(0)} ms (hub and devices in one process) |
| lost at the hub / lost at the devices after settling | **${h.lostAtHub} / ${h.lostAtDevices}** |
| hub ledger movements of the devices' receipts | ${h.movements.toLocaleString('en')} (= events created: ${h.movements === h.created ? 'yes' : 'NO'}) |
| events received twice by a device (re-sent beyond a gap, not applied twice) | ${h.duplicates} |
<!-- sync:end -->
`
    const file = path.join(__dirname, '..', 'BENCHMARKS.md')
    const md = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n'
    const kept = md.replace(/\n?<!-- sync:start -->[\s\S]*<!-- sync:end -->\n?/, '\n')
    fs.writeFileSync(file, `${kept.trimEnd()}\n\n${section}`)
    console.log('wrote the sync section of BENCHMARKS.md')
    if (h.lostAtHub || h.lostAtDevices || h.movements !== h.created) process.exitCode = 1
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

void main()
