/**
 * Receives a batch of events (a JSON file) into a SQLite file in rounds of 20, as a folder import of many segments
 * does, until killed; prints "ready" after the first round is committed.
 */
import fs from 'node:fs'
import { createCore } from '../../../core/app'
import { receive } from '../../../core/sync/exchange'

const [file, batchFile] = process.argv.slice(2)
const core = createCore({ file, seed: 'reference', today: () => '2026-06-01' })
const events = JSON.parse(fs.readFileSync(batchFile, 'utf8'))
for (let i = 0; i < events.length; i += 20) {
  receive(core.context(), events.slice(i, i + 20))
  if (i === 0) process.stdout.write('ready\n')
}
process.stdout.write('done\n')
core.close()
