/**
 * The hub of the load benchmark (bench/load.ts), in its own process so the clients never share its thread:
 * `tsx bench/load-hub.ts <dataDir> <readers>`. Prints `port <n>` once it listens on 127.0.0.1.
 */
import { createHub } from '../server/hub'

async function main() {
  const [dataDir, readers] = process.argv.slice(2)
  const hub = await createHub({
    dataDir, seed: 'none', dailyBackups: false, readers: Number(readers), loginRateLimit: { max: 10_000, timeWindow: 60_000 },
  })
  await hub.readers?.whenReady()
  await hub.app.listen({ port: 0, host: '127.0.0.1' })
  const a = hub.app.server.address()
  console.log(`port ${typeof a === 'object' && a ? a.port : 0}`)
  process.on('SIGTERM', () => { void hub.app.close().then(() => process.exit(0)) })
}
main().catch((e) => { console.error(e); process.exit(1) })
