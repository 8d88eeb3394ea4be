/**
 * `npm run web -- [--data DIR] [--port N] [--host H]`: the hub and the UI in a browser. It listens on 127.0.0.1
 * (this machine only) unless --host says otherwise (e.g. --host 0.0.0.0 to serve the office LAN).
 * Builds the renderer first when it has not been built.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createHub, DEFAULT_HOST } from './hub'
import { AUTO_SYNC_MINUTES } from '../core/sync/auto'

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
    },
  })
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
  const { app } = await createHub({
    dataDir, rendererDir: RENDERER_DIR, onProgress: (m) => console.log(m), databaseUrl, databaseSchema: process.env.DATABASE_SCHEMA || undefined,
    autoSyncMinutes: Number(process.env.RESERVE_AUTO_SYNC_MINUTES ?? '') || AUTO_SYNC_MINUTES,
    // queries answered by worker threads beside the one writer (RESERVE_READERS=0: all on the main thread)
    readers: Math.max(0, Math.min(8, Math.trunc(Number(process.env.RESERVE_READERS || '2')) || 0)),
  })
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

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
