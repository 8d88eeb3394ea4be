/** Starts the hub for the end-to-end run on a brand-new data folder, so no run sees another's leftovers. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub } from '../../server/hub'

async function main() {
  const port = Number(process.argv[2] ?? 5199)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-e2e-'))
  const { app } = await createHub({ dataDir, rendererDir: path.join(__dirname, '..', '..', 'out', 'renderer') })
  await app.listen({ port, host: '127.0.0.1' })
  console.log(`e2e hub on ${port}, data ${dataDir}`)
  const stop = () => { void app.close().then(() => { fs.rmSync(dataDir, { recursive: true, force: true }); process.exit(0) }) }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
void main()
