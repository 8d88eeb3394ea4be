/** Starts the hub for the end-to-end run on a brand-new data folder, so no run sees another's leftovers. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createHub } from '../../server/hub'
import { createUser } from '../../core/people/users'

async function main() {
  const port = Number(process.argv[2] ?? 5199)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-e2e-'))
  // E2E_SEED=reference: a new office (the Songjiang network and catalogue, no demo data) with one administrator;
  // E2E_SEED=ask: an empty data folder, so the page shows the first run; anything else: the demo (as before)
  const reference = process.env.E2E_SEED === 'reference'
  const seed = reference ? 'reference' : process.env.E2E_SEED === 'ask' ? 'ask' : 'demo'
  const { app, core } = await createHub({ dataDir, seed, rendererDir: path.join(__dirname, '..', '..', 'out', 'renderer'), readers: 2 })
  if (reference) createUser(core.context(), { username: 'admin', displayName: '系统管理员', password: 'Admin2026', roles: ['admin'], scopeKind: 'district' })
  await app.listen({ port, host: '127.0.0.1' })
  console.log(`e2e hub on ${port}, data ${dataDir}`)
  const stop = () => { void app.close().then(() => { fs.rmSync(dataDir, { recursive: true, force: true }); process.exit(0) }) }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
void main()
