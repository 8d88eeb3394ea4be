/**
 * `npm run bench:load [-- --balances 100000 --clients 20,50 --requests 40 --seconds 60 --readers 2]`: the hub
 * under many browsers at once (issue 15). The hub runs in its own process (bench/load-hub.ts) on 127.0.0.1 over
 * a copy of the demo district plus `--balances` balance rows (bench/data.ts addBulkStock); each client signs in
 * and loops over the UI's mix of calls — stock grid page, the dashboard's expiry counts, alerts summary, network
 * tree, recent documents — with one posting (a single-line receipt) in ten. Bounded: each client makes at most
 * `--requests` calls and stops at `--seconds`. The same clients then call /healthz the same number of times: the
 * HTTP floor of this machine, in the same run. Prints the table and writes it to BENCHMARKS.md's load section.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { createCore, databaseFileIn } from '../core/app'
import { addBulkStock } from './data'
import { newId } from '../core/common/ids'
import { withSection } from './sections'

const { values } = parseArgs({
  options: {
    balances: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '20,50' },
    requests: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '90' },
    readers: { type: 'string', default: '2' },
    write: { type: 'boolean', default: true },
  },
})
const BALANCES = Number(values.balances)
const CLIENTS = values.clients!.split(',').map(Number)
const REQUESTS = Number(values.requests)
const SECONDS = Number(values.seconds)
const READERS = values.readers!.split(',').map(Number)
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

function prepare(dir: string): void {
  const core = createCore({ file: databaseFileIn(dir), seed: 'demo' })
  let last = 0
  addBulkStock(core, BALANCES, { today: TODAY, onProgress: (d) => { if (d - last >= 20_000) { last = d; process.stdout.write(`  ${d} balances\r`) } } })
  core.db.$client.pragma('wal_checkpoint(TRUNCATE)')
  core.close()
}

interface Hub { port: number; pid: number; stop(): Promise<void> }
function startHub(dir: string, readers: number): Promise<Hub> {
  const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'load-hub.ts'), dir, String(readers)], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (b) => {
      out += String(b)
      const m = /port (\d+)/.exec(out)
      if (m) resolve({ port: Number(m[1]), pid: child.pid!, stop: () => new Promise((r) => { child.on('exit', () => r()); child.kill('SIGTERM') }) })
    })
    child.on('exit', (code) => reject(new Error(`hub exited ${code}`)))
  })
}

/** the hub's peak resident memory so far (Linux), MB */
function peakMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Math.round(Number(m[1]) / 1024) : NaN
  } catch { return NaN }
}

class Client {
  cookies: Record<string, string> = {}
  constructor(readonly base: string) {}
  headers(): Record<string, string> {
    return { 'content-type': 'application/json', cookie: Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': this.cookies.reserve_csrf ?? '' }
  }
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const i = kv.indexOf('='); this.cookies[kv.slice(0, i)] = kv.slice(i + 1) }
  }
  async get(p: string) { const res = await fetch(this.base + p, { headers: this.headers() }); this.take(res); await res.arrayBuffer(); return res.status }
  async call(method: string, body: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.base}/api/${method}`, { method: 'POST', headers: this.headers(), body: JSON.stringify(body) })
    this.take(res)
    return { status: res.status, json: await res.json() }
  }
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN }

interface Figures { p50: number; p95: number; max: number; perSecond: number; n: number; errors: number; byMethod: Record<string, number[]> }

async function run(clients: Client[], next: (c: Client, i: number) => Promise<string>, limit: number, seconds: number): Promise<Figures> {
  const lat: number[] = []
  const byMethod: Record<string, number[]> = {}
  let errors = 0
  const deadline = Date.now() + seconds * 1000
  const t0 = performance.now()
  await Promise.all(clients.map(async (c, ci) => {
    for (let i = 0; i < limit && Date.now() < deadline; i++) {
      const s = performance.now()
      let label: string
      try { label = await next(c, ci * 1000 + i) } catch { errors++; label = 'error' }
      const ms = performance.now() - s
      lat.push(ms)
      ;(byMethod[label] ??= []).push(ms)
    }
  }))
  const wall = (performance.now() - t0) / 1000
  return { p50: pct(lat, 50), p95: pct(lat, 95), max: Math.max(...lat), perSecond: lat.length / wall, n: lat.length, errors, byMethod }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-load-'))
  console.log(`preparing the demo district + ${BALANCES} balances in ${dir}`)
  prepare(dir)
  const core = createCore({ file: databaseFileIn(dir), seed: 'none' })
  const sites = core.db.$client.prepare("SELECT id FROM sites WHERE status = 'active' ORDER BY id").pluck().all() as string[]
  const item = core.db.$client.prepare('SELECT id FROM items WHERE shelf_life_days IS NULL ORDER BY id LIMIT 1').pluck().get() as string
  const totalBalances = core.db.$client.prepare('SELECT count(*) FROM stock_balances').pluck().get() as number
  core.close()
  const lines: string[] = []
  for (const readers of READERS) {
    const hub = await startHub(dir, readers)
    const base = `http://127.0.0.1:${hub.port}`
    for (const n of CLIENTS) {
      const clients = Array.from({ length: n }, () => new Client(base))
      for (const c of clients) {
        await c.get('/healthz')
        const r = await c.call('auth.login', { username: 'admin', password: 'Admin2026' })
        if (!r.json.ok) throw new Error(`login: ${JSON.stringify(r.json)}`)
      }
      const mix = async (c: Client, k: number): Promise<string> => {
        const step = k % 10
        let method: string, body: unknown
        if (step === 9 && values.write) {
          method = 'stock.receive'
          body = { id: newId(), siteId: sites[k % sites.length], docDate: TODAY, lines: [{ itemId: item, lotNo: `LOAD-${k}-${Date.now()}`, quantity: 1 }] }
        } else {
          const calls: Array<[string, unknown]> = [
            ['stock.balances', { offset: (k * 100) % 5000, limit: 100 }],
            ['stock.balances', { limit: 1, expiry: 'expired' }],
            ['stock.balances', { limit: 1, expiry: 'near30' }],
            ['alerts.summary', {}],
            ['network.tree', {}],
            ['stock.documents', { limit: 50 }],
            ['stock.balances', { limit: 1, expiry: 'near90' }],
            ['alerts.summary', {}],
            ['stock.balances', { offset: 0, limit: 100, siteId: sites[k % sites.length] }],
            ['network.tree', {}],
          ]
          ;[method, body] = calls[step]
        }
        const r = await c.call(method, body)
        if (!r.json.ok) throw new Error(`${method}: ${JSON.stringify(r.json.error)}`)
        return method
      }
      const ui = await run(clients, mix, REQUESTS, SECONDS)
      const floor = await run(clients, async (c) => { await c.get('/healthz'); return 'healthz' }, REQUESTS, SECONDS)
      const slowest = Object.entries(ui.byMethod).map(([m, xs]) => `${m} p95 ${pct(xs, 95).toFixed(0)}`).join(', ')
      const row = `| ${n} clients, ${totalBalances.toLocaleString('en')} balances, ${readers ? `${readers} readers + writer` : 'one thread'} | ${ui.p50.toFixed(0)} | ${ui.p95.toFixed(0)} | ${ui.max.toFixed(0)} | ${ui.perSecond.toFixed(1)} | ${floor.p50.toFixed(1)} / ${floor.perSecond.toFixed(0)} | ${(floor.perSecond / ui.perSecond).toFixed(1)}× | ${peakMb(hub.pid)} | ${ui.n} calls${ui.errors ? `, ${ui.errors} errors` : ''}; ${slowest} |`
      console.log(row)
      lines.push(row)
    }
    await hub.stop()
  }
  fs.rmSync(dir, { recursive: true, force: true })
  const table = [
    `Hub under load (\`npm run bench:load\`, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores shared, ${os.cpus()[0]?.model ?? ''}; hub in its own process on 127.0.0.1, clients in another;`,
    'mix: stock grid page (first 5 000 rows), 3 expiry counts, alerts summary ×2, network tree ×2, recent documents, one site: its stock page, one single-line receipt in ten;',
    `the floor: the same clients calling /healthz the same number of times in the same run). Times in ms.`,
    '',
    '| setting | p50 | p95 | max | calls/s | /healthz p50 ms / calls/s | healthz ÷ mix | hub peak RSS MB | notes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n')
  console.log(`\n${table}`)
  const file = path.join(__dirname, '..', 'BENCHMARKS.md')
  fs.writeFileSync(file, withSection(fs.readFileSync(file, 'utf8'), 'load', table))
}

main().catch((e) => { console.error(e); process.exit(1) })
