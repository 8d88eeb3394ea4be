/**
 * `npm run web -- [--data DIR] [--port N] [--host H] [--init demo|new:<district code>|join:<hub url> --token T]`: the
 * hub and the UI in a browser. An empty data folder starts as --init says, or, without it, the browser page asks
 * (试用演示数据 / 新建本区储备网络 / 加入已有网络); --init on a folder already set up changes nothing. It listens on 127.0.0.1
 * (this machine only) unless --host says otherwise (e.g. --host 0.0.0.0 to serve the office LAN).
 * Builds the renderer first when it has not been built.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createHub, DEFAULT_HOST } from './hub'
import { AUTO_SYNC_MINUTES } from '../core/sync/auto'
import { firstRunStatus, startJoin } from '../core/firstrun/firstrun'
import { isAppError } from '../core/common/errors'

const ROOT = path.resolve(__dirname, '..')
// RESERVE_UI_DIR: where the built UI lives (tests build it elsewhere so they never race another build of out/).
const RENDERER_DIR = path.resolve(process.env.RESERVE_UI_DIR || path.join(ROOT, 'out', 'renderer'))

/** Newest modification time of the files under a folder. */
function newest(dir: string): number {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

/** Built UI missing, or older than its sources (after a `git pull`, say): build it again. */
function uiIsStale(): boolean {
  const index = path.join(RENDERER_DIR, 'index.html')
  if (!fs.existsSync(index)) return true
  const sources = path.join(ROOT, 'renderer')
  return fs.existsSync(sources) && newest(sources) > fs.statSync(index).mtimeMs
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: path.join(process.cwd(), 'data') },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: DEFAULT_HOST },
      rebuild: { type: 'boolean', default: false },
      init: { type: 'string' },
      token: { type: 'string' },
    },
  })
  const init = parseInit(values.init, values.token)
  const port = Number(values.port)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`端口号不正确：${values.port}（应为 1–65535 的整数） / invalid port: ${values.port} (a whole number 1–65535)`)
    process.exit(2)
  }
  if (values.rebuild || uiIsStale()) {
    console.log('正在构建界面 / building the UI (first run only)…')
    const { build } = await import('vite')
    await build({ configFile: path.join(ROOT, 'vite.web.config.ts'), logLevel: 'warn', build: { outDir: RENDERER_DIR, emptyOutDir: true } })
  }
  const dataDir = path.resolve(values.data!)
  console.log(`数据目录 / data: ${dataDir}`)
  const databaseUrl = process.env.DATABASE_URL || undefined
  if (databaseUrl) console.log('同步日志存于 PostgreSQL / sync log in PostgreSQL (DATABASE_URL)')
  const { app, holder } = await createHub({
    dataDir, rendererDir: RENDERER_DIR, onProgress: (m) => console.log(m), databaseUrl, databaseSchema: process.env.DATABASE_SCHEMA || undefined,
    seed: init.seed,
    autoSyncMinutes: Number(process.env.RESERVE_AUTO_SYNC_MINUTES ?? '') || AUTO_SYNC_MINUTES,
    // queries answered by worker threads beside the one writer (RESERVE_READERS=0: all on the main thread)
    readers: Math.max(0, Math.min(8, Math.trunc(Number(process.env.RESERVE_READERS || '2')) || 0)),
  })
  if (init.join) await joinAtStart(holder.core.context(), init.join)
  const first = firstRunStatus(holder.core.context())
  if (first.step === 'choose') console.log('首次使用：请在浏览器中选择 试用演示数据 / 新建本区储备网络 / 加入已有网络 (first run: choose in the browser)')
  else if (first.step === 'admin') console.log('请在浏览器中设置首位管理员 / create the first administrator in the browser')
  else if (first.step !== 'ready') console.log('请在浏览器中选择本单位并设置首位管理员 / choose this office and create its first administrator in the browser')
  if (first.demo) console.log('演示安装 / a demo installation: sign in as admin / Admin2026; its data never enters a real network')
  await app.listen({ port, host: values.host })
  console.log(`应急物资储备网络 hub: http://${values.host}:${port}/`)
  const bound = app.server.address()
  if (bound && typeof bound === 'object') {
    console.log(`监听地址 / listening on ${bound.address}:${bound.port}${bound.address === DEFAULT_HOST ? '（仅本机 / this machine only; --host to serve others）' : ''}`)
  }
  const stop = () => { void app.close().then(() => process.exit(0)) }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

type Init = { seed: 'ask' | 'demo' | `new:${string}`; join?: { url: string; token: string } }

/** `--init demo | new:310115 | join:http://hub:5180` (+ `--token`): what an empty data folder starts as. */
function parseInit(init: string | undefined, token: string | undefined): Init {
  const v = init?.normalize('NFKC').trim()
  if (!v) return { seed: 'ask' }
  if (v === 'demo') return { seed: 'demo' }
  const code = /^new:(\d{6})$/.exec(v)
  if (code) return { seed: `new:${code[1]}` }
  if (v.startsWith('join:')) {
    const url = v.slice(5)
    if (!/^https?:\/\/\S+$/.test(url)) fail(`--init join: 后应为中心地址，如 join:http://10.0.0.5:5180 / --init join: wants the hub's address, e.g. join:http://10.0.0.5:5180`)
    if (!token?.trim()) fail('--init join: 需要 --token（中心管理员在 数据同步 → 设备 中签发） / --init join: needs --token (issued by the hub administrator under 数据同步 → 设备)')
    return { seed: 'ask', join: { url, token: token!.trim() } }
  }
  return fail(`--init 的值不正确：${v}（应为 demo、new:<6 位区县代码> 或 join:<中心地址>） / invalid --init: ${v} (demo, new:<6-digit district code> or join:<hub url>)`)
}

function fail(message: string): never {
  console.error(message)
  process.exit(2)
}

/** Receives the district network from the hub before serving; the page then asks which office this is. */
async function joinAtStart(ctx: Parameters<typeof startJoin>[0], join: { url: string; token: string }): Promise<void> {
  const step = firstRunStatus(ctx).step
  if (step !== 'choose' && step !== 'joining') return
  console.log(`正在从 ${join.url} 接收本区网络… / receiving the district network from ${join.url}…`)
  try {
    await startJoin(ctx, { source: 'hub', ...join }).done
  } catch (e) {
    fail(isAppError(e) ? e.toWire('zh').message : String(e))
  }
  const after = firstRunStatus(ctx)
  if (after.join?.error) fail(after.join.error)
  console.log(`已收到 ${after.join?.received ?? 0} 条变更 / received ${after.join?.received ?? 0} changes`)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
