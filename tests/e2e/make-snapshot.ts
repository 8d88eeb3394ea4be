/**
 * For the snapshot e2e spec: a district office (reference data only) with a site and `n` receipts syncs with the
 * folder given and publishes its snapshot there. Prints "published <events>".
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createCore, databaseFileIn } from '../../core/app'
import { holdCore } from '../../core/holder'
import { createSite } from '../../core/network/sites'
import { postReceipt } from '../../core/stock/ledger'
import { startFolderSync } from '../../core/sync/folder-job'

async function main() {
  const [folder, count] = [process.argv[2], Number(process.argv[3] ?? 200)]
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-e2e-publisher-'))
  const holder = holdCore(() => createCore({ file: databaseFileIn(dir), seed: 'reference' }))
  const ctx = holder.core.context()
  const itemId = holder.core.db.$client.prepare('SELECT id FROM items WHERE lot_tracked = 1 ORDER BY code LIMIT 1').pluck().get() as string
  createSite(ctx, { id: 'E2E-SNAP-SITE', code: 'E2E-SNAP', name: '快照测试储备库', tier: 'street', regionCode: '310117001000' })
  for (let n = 0; n < count; n++) {
    postReceipt(ctx, { id: `e2e-snap-${n}`, siteId: 'E2E-SNAP-SITE', docDate: '2026-05-01', lines: [{ itemId, lotNo: `SNAP-${n}`, quantity: 5 }] })
  }
  holder.core.call('sync.setFolder', { folder })
  const { job, done } = startFolderSync(holder.core.context(), { publishAfter: 100 })
  await done
  holder.close()
  fs.rmSync(dir, { recursive: true, force: true })
  if (!job.result?.published?.published) throw new Error(`not published: ${JSON.stringify(job.error ?? job.result)}`)
  console.log(`published ${count + 1}`)
}
void main()
