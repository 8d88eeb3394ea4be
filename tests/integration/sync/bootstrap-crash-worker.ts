/**
 * Bootstraps an installation from the folder's snapshot (through a CoreHolder, as the app does) and stops dead at
 * the point named by its third argument, printing "ready" so the test can kill it there:
 *   copy   the snapshot copied beside the database, not yet checked or carried over (nor flushed to disk)
 *   carry  carried over, the old file closed and its log folded, nothing renamed yet
 *   swap   the new file renamed in place, not yet opened
 *   none   runs to the end and prints "done"
 */
import fs from 'node:fs'
import { createCore, databaseFileIn } from '../../../core/app'
import { holdCore } from '../../../core/holder'
import { startFolderSync } from '../../../core/sync/folder-job'

const [dataDir, folder, killAt] = process.argv.slice(2)
const file = databaseFileIn(dataDir)
const stop = (): never => {
  fs.writeSync(1, 'ready\n')
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000) // until killed
  process.exit(3)
}
const real = { statSync: fs.statSync, linkSync: fs.linkSync, renameSync: fs.renameSync }
// once the copy is written (and hashed) its size is looked at
if (killAt === 'copy') {
  ;(fs as { statSync: unknown }).statSync = (p: fs.PathLike, o?: fs.StatSyncOptions) => { if (String(p).includes('.bootstrap-')) stop(); return real.statSync(p, o) }
}
if (killAt === 'carry') fs.linkSync = () => stop()
if (killAt === 'swap') {
  fs.renameSync = (from, to) => { real.renameSync(from, to); if (String(to) === file) stop() }
}

const holder = holdCore(() => createCore({ file, seed: 'reference', today: () => '2026-06-01' }))
const { job, done } = startFolderSync(holder.core.context(), { bootstrapAfter: 50, publishAfter: 1e9 })
void done.then(() => {
  if (job.error) { console.error(job.error); process.exit(2) }
  fs.writeSync(1, `done ${job.bootstrap ? 'bootstrapped' : 'events'}\n`)
  holder.close()
})
