/**
 * The shared-folder transport: a network share or a USB stick. Layout:
 *
 *   format.json                                   {"format": 1, "district": "310117"}
 *   replicas/<replicaId>/segments/<from>-<to>.ndjson
 *
 * A segment holds the events <from>..<to> of one replica, one JSON object per line, and ends with a trailer line
 * `{"end":{"replicaId","from","to","count","sha256"}}` whose sha256 covers every byte before it. A segment is
 * written under a temporary name (starting with '.') and then renamed; it is never edited afterwards. Readers
 * skip temporary, unknown, truncated and bad-checksum files. There are no lock files.
 *
 * Relaying: an installation also exports the events of other replicas it holds (a stick carried between two
 * offices that never meet relays both ways). They go into the origin replica's folder, named by their range.
 * Events are immutable and serialised canonically, so a segment of a given range has the same bytes whoever
 * writes it: the origin replica is the only writer of *new* ranges, and a relayed copy of the same range renames
 * onto identical content. Overlapping ranges are harmless (insert-or-ignore).
 *
 * Re-syncing costs a directory listing and a stat per segment: a segment whose events we hold already is read
 * (checksum, line count) once; what was found good is remembered in this installation's settings (`VERIFIED_KEY`:
 * the folder, and per segment its size and mtime), and while a file keeps both it is not read again. A truncated,
 * rewritten or replaced file changes its size or mtime and is read again; a file whose mtime is too recent to
 * tell a later same-size rewrite apart (the "racy" case: coarse or 2-second timestamps) is not remembered yet; and
 * once a day every held segment is read again (damage that keeps size and mtime, a disk's bit rot).
 */
import fs from 'node:fs'
import path from 'node:path'
import { createHash, randomBytes } from 'node:crypto'
import type { ServiceContext } from '../common/context'
import { AppError } from '../common/errors'
import { getSetting, putSetting } from '../common/settings'
import type { SyncEvent } from './registry'
import { eventsSince, receive, vectorOf, type RefusedEvent, type Vector } from './exchange'

export const FOLDER_FORMAT = 1
const SEGMENT_NAME = /^(\d+)-(\d+)\.ndjson$/

export interface FolderSyncOptions {
  /** the district code written into format.json; a folder of another district is refused */
  district?: string
  /** events per segment file */
  segmentSize?: number
  onProgress?: (phase: 'import' | 'export', done: number, total: number) => void
}

/**
 * A file of the folder that was not read, with why: `temporary` (being written), `unknown` (a name that is no
 * segment: unknown format), `truncated` (no complete trailer), `checksum` (its bytes differ from its trailer's
 * sha256), `mismatch` (the trailer or the lines do not match the file's name). `replicaId`: the office whose
 * folder it is in; `segment`: its file name.
 */
export interface SkippedFile { file: string; replicaId: string; segment: string; reason: 'temporary' | 'unknown' | 'truncated' | 'checksum' | 'mismatch' }

export interface FolderSyncResult {
  imported: number
  applied: number
  pending: number
  exported: number
  segmentsWritten: number
  skipped: SkippedFile[]
  /** events not taken: under this installation's own replica id, or another event under an id held here (exchange.ts) */
  refused: RefusedEvent[]
  /** the folder could be read but not written (a write-protected stick): we imported, nothing was exported */
  readOnly: boolean
}

/** One event line: fixed key order, so the same event always has the same bytes. */
export const eventLine = (e: SyncEvent): string => JSON.stringify({
  id: e.id, replicaId: e.replicaId, seq: e.seq, hlc: e.hlc, type: e.type, version: e.version, entityId: e.entityId,
  payload: e.payload, author: e.author,
})

/** The bytes of a segment: its event lines and the trailer. */
export function segmentBytes(replicaId: string, evs: SyncEvent[]): string {
  const body = evs.map((e) => eventLine(e) + '\n').join('')
  const sha256 = createHash('sha256').update(body).digest('hex')
  const end = { replicaId, from: evs[0].seq, to: evs[evs.length - 1].seq, count: evs.length, sha256 }
  return `${body}${JSON.stringify({ end })}\n`
}

interface Segment { replicaId: string; from: number; to: number; file: string }

/** settings key (installation-local) of the segments found good in the sync folder */
export const VERIFIED_KEY = 'sync.folder.verified'
/** a segment modified this recently (ms) is not remembered: a same-size rewrite could still keep its mtime */
const RACY_MS = 5_000
/** every held segment is read again after this long (ms) */
const FULL_CHECK_MS = 24 * 3600_000

interface Verified {
  folder: string
  /** when every held segment was last read (ISO) */
  fullAt: string
  /** `<replicaId>/<file name>` → [size, mtimeMs] of the file when it was found good */
  files: Record<string, [number, number]>
}

/** What an earlier sync of this folder found good; empty (a full check, `fresh`) for another folder or after a day. */
function loadVerified(ctx: Pick<ServiceContext, 'db'>, folder: string, now: number): Verified & { fresh: boolean } {
  const raw = getSetting(ctx.db, VERIFIED_KEY)
  try {
    const v = raw ? JSON.parse(raw) as Verified : undefined
    if (v && v.folder === folder && v.files && typeof v.files === 'object' && now - Date.parse(v.fullAt) < FULL_CHECK_MS) return { ...v, fresh: false }
  } catch { /* unreadable: start again */ }
  return { folder, fullAt: new Date(now).toISOString(), files: {}, fresh: true }
}

/** Stores what this sync found good (files gone or damaged drop out), unless it is what was stored. */
function rememberVerified(ctx: Pick<ServiceContext, 'db'>, before: Verified & { fresh: boolean }, files: Verified['files']): void {
  const keys = Object.keys(files)
  const same = keys.length === Object.keys(before.files).length
    && keys.every((k) => before.files[k]?.[0] === files[k][0] && before.files[k]?.[1] === files[k][1])
  if (same && !before.fresh) return
  const value = JSON.stringify({ folder: before.folder, fullAt: before.fullAt, files } satisfies Verified)
  putSetting(ctx.db, VERIFIED_KEY, value)
}

/**
 * Reads and checks one segment; null with a reason when it must be skipped. `checkOnly`: the events are not needed
 * (we hold them already), only whether the file is good — its checksum and line count, without parsing every line.
 */
export function readSegment(file: string, replicaId: string, from: number, to: number, checkOnly = false): { events: SyncEvent[] } | { reason: SkippedFile['reason'] } {
  let text: string
  try { text = fs.readFileSync(file, 'utf8') } catch { return { reason: 'truncated' } }
  if (!text.endsWith('\n')) return { reason: 'truncated' }
  const cut = text.lastIndexOf('\n', text.length - 2)
  const body = text.slice(0, cut + 1)
  let end: { replicaId: string; from: number; to: number; count: number; sha256: string } | undefined
  try { end = JSON.parse(text.slice(cut + 1)).end } catch { return { reason: 'truncated' } }
  if (!end) return { reason: 'truncated' }
  if (createHash('sha256').update(body).digest('hex') !== end.sha256) return { reason: 'checksum' }
  if (end.replicaId !== replicaId || end.from !== from || end.to !== to || end.count !== to - from + 1) return { reason: 'mismatch' }
  if (checkOnly) {
    let lines = 0
    for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lines++
    return lines === end.count ? { events: [] } : { reason: 'mismatch' }
  }
  const events = body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as SyncEvent)
  if (events.length !== end.count || events.some((e, i) => e.replicaId !== replicaId || e.seq !== from + i)) return { reason: 'mismatch' }
  return { events }
}

/** The segments in the folder whose names are valid (their content is checked when read). */
function listSegments(folder: string, skipped: SkippedFile[]): Segment[] {
  const root = path.join(folder, 'replicas')
  if (!fs.existsSync(root)) return []
  const out: Segment[] = []
  for (const replicaId of fs.readdirSync(root)) {
    const dir = path.join(root, replicaId, 'segments')
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name)
      if (name.startsWith('.')) { skipped.push({ file, replicaId, segment: name, reason: 'temporary' }); continue }
      const m = SEGMENT_NAME.exec(name)
      if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) { skipped.push({ file, replicaId, segment: name, reason: 'unknown' }); continue }
      out.push({ replicaId, from: Number(m[1]), to: Number(m[2]), file })
    }
  }
  return out.sort((a, b) => a.replicaId.localeCompare(b.replicaId) || a.from - b.from || a.to - b.to)
}

/** Creates format.json, or checks the one there: a newer format or another district is refused. */
function checkFormat(folder: string, district: string): { writable: boolean } {
  const file = path.join(folder, 'format.json')
  if (fs.existsSync(file)) {
    let f: { format?: number; district?: string }
    try { f = JSON.parse(fs.readFileSync(file, 'utf8')) } catch { throw new AppError('SYNC_FOLDER_INVALID', { folder }) }
    if (typeof f.format !== 'number') throw new AppError('SYNC_FOLDER_INVALID', { folder })
    if (f.format > FOLDER_FORMAT) throw new AppError('SYNC_FOLDER_NEWER', { folder, format: f.format })
    if (f.district && f.district !== district) throw new AppError('SYNC_FOLDER_OTHER_DISTRICT', { folder, district: f.district })
    return { writable: true }
  }
  if (!fs.existsSync(folder)) throw new AppError('SYNC_FOLDER_MISSING', { folder })
  try {
    writeAtomically(path.join(folder, 'format.json'), JSON.stringify({ format: FOLDER_FORMAT, district }, null, 2) + '\n')
    return { writable: true }
  } catch (e) {
    if (isReadOnlyError(e)) return { writable: false }
    throw e
  }
}

const isReadOnlyError = (e: unknown) => ['EACCES', 'EROFS', 'EPERM'].includes((e as NodeJS.ErrnoException)?.code ?? '')

/** Writes under a temporary name in the same directory, flushes, then renames: readers never see half a file. */
function writeAtomically(target: string, content: string): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = fs.openSync(tmp, 'wx')
  try {
    fs.writeSync(fd, content)
    fs.fsyncSync(fd)
  } finally { fs.closeSync(fd) }
  fs.renameSync(tmp, target)
}

/** Highest seq covered from 1 without a gap by the given ranges. */
function contiguousCoverage(ranges: Array<{ from: number; to: number }>): number {
  let covered = 0
  for (const r of [...ranges].sort((a, b) => a.from - b.from)) {
    if (r.from > covered + 1) break
    covered = Math.max(covered, r.to)
  }
  return covered
}

export interface FolderProgress { phase: 'import' | 'export'; done: number; total: number }

/**
 * One exchange with a shared folder: import what we lack, then export what the folder lacks (our own events and
 * those we relay). Importing is one transaction per batch; a kill in the middle loses nothing (the batch is
 * simply imported again next time).
 */
export function syncFolder(ctx: Pick<ServiceContext, 'db' | 'clock'>, folder: string, opts: FolderSyncOptions = {}): FolderSyncResult {
  const steps = folderSteps(ctx, folder, opts)
  for (;;) {
    const s = steps.next()
    if (s.done) return s.value
  }
}

/**
 * The same exchange step by step: a generator that yields after every segment it read and every batch it committed (better-sqlite3 is synchronous: a pause is what lets the
 * api answer, and progress be read, while a large sync runs). `batch` is how many events one import transaction takes.
 */
export function* folderSteps(ctx: Pick<ServiceContext, 'db' | 'clock'>, folder: string,
  opts: FolderSyncOptions & { batch?: number; trustCovered?: Vector } = {}): Generator<FolderProgress, FolderSyncResult> {
  const district = opts.district ?? '310117'
  const { writable } = checkFormat(folder, district)
  const skipped: SkippedFile[] = []
  const segments = listSegments(folder, skipped)
  const batchSize = opts.batch ?? 50_000

  // Import: read every segment that holds something beyond what we have; keep the valid ranges for export.
  // A segment we hold already is only checked, and not even read while it is as it was when found good.
  const have = vectorOf(ctx.db)
  const ownReplica = ctx.db.$client.prepare('SELECT id FROM replicas WHERE is_local = 1').pluck().get() as string | undefined
  const now = Date.now()
  const folderKey = path.resolve(folder)
  const verified = loadVerified(ctx, folderKey, now)
  const stillGood: Verified['files'] = {}
  const valid: Segment[] = []
  let batch: SyncEvent[] = []
  const result: FolderSyncResult = { imported: 0, applied: 0, pending: 0, exported: 0, segmentsWritten: 0, skipped, refused: [], readOnly: !writable }
  const flush = () => {
    if (!batch.length) return false
    const r = receive(ctx, batch)
    result.imported += r.inserted; result.applied += r.applied; result.pending = r.pending
    result.refused.push(...r.refused)
    batch = []
    return true
  }
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]
    const needed = s.to > (have[s.replicaId] ?? 0)
    // Right after starting from a snapshot, the segments it covers are not read at all (the snapshot's checksum
    // vouched for their events): a damaged one among them is found, and rewritten, by the next ordinary sync.
    if (!needed && s.to <= (opts.trustCovered?.[s.replicaId] ?? 0)) {
      valid.push(s)
      opts.onProgress?.('import', i + 1, segments.length)
      if ((i + 1) % 50 === 0) yield { phase: 'import', done: i + 1, total: segments.length }
      continue
    }
    const key = `${s.replicaId}/${path.basename(s.file)}`
    const st = fs.statSync(s.file, { throwIfNoEntry: false })
    const known = verified.files[key]
    if (!needed && st && known && known[0] === st.size && known[1] === st.mtimeMs) {
      stillGood[key] = known
      valid.push(s)
      opts.onProgress?.('import', i + 1, segments.length)
      if ((i + 1) % 50 === 0) yield { phase: 'import', done: i + 1, total: segments.length }
      continue
    }
    const read = readSegment(s.file, s.replicaId, s.from, s.to, !needed)
    if ('reason' in read) { skipped.push({ file: s.file, replicaId: s.replicaId, segment: path.basename(s.file), reason: read.reason }); continue }
    // a segment under our own replica beyond what we have given out is none of ours: its events are refused
    // (receive), and it never counts as the folder holding those seqs — our own segment replaces it
    if (s.replicaId === ownReplica && s.to > (have[s.replicaId] ?? 0)) {
      for (const e of read.events) batch.push(e)
      opts.onProgress?.('import', i + 1, segments.length)
      continue
    }
    if (st && st.mtimeMs < now - RACY_MS) stillGood[key] = [st.size, st.mtimeMs]
    valid.push(s)
    if (needed) {
      for (const e of read.events) if (e.seq > (have[e.replicaId] ?? 0)) batch.push(e)
      if (batch.length >= batchSize) flush()
    }
    opts.onProgress?.('import', i + 1, segments.length)
    yield { phase: 'import', done: i + 1, total: segments.length }
  }
  if (flush()) yield { phase: 'import', done: segments.length, total: segments.length }
  rememberVerified(ctx, verified, stillGood)

  // Export: for each origin, what we hold beyond the folder's contiguous coverage, as contiguous runs.
  if (!writable) return result
  const coverage: Vector = {}
  for (const s of valid) (coverage[s.replicaId] ??= 0)
  const byReplica = new Map<string, Segment[]>()
  for (const s of valid) {
    const list = byReplica.get(s.replicaId)
    if (list) list.push(s); else byReplica.set(s.replicaId, [s])
  }
  for (const [r, list] of byReplica) coverage[r] = contiguousCoverage(list)
  const validFiles = new Set(valid.map((s) => s.file))
  const toWrite = eventsSince(ctx.db, coverage)
  const size = opts.segmentSize ?? 5000
  const runs: SyncEvent[][] = []
  for (const e of toWrite) {
    const run = runs[runs.length - 1]
    const last = run?.[run.length - 1]
    if (run && last.replicaId === e.replicaId && last.seq + 1 === e.seq && run.length < size) run.push(e)
    else runs.push([e])
  }
  try {
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i]
      const r = run[0].replicaId
      const dir = path.join(folder, 'replicas', r, 'segments')
      fs.mkdirSync(dir, { recursive: true })
      const target = path.join(dir, `${run[0].seq}-${run[run.length - 1].seq}.ndjson`)
      if (!validFiles.has(target)) { // a bad or truncated file of the same range is replaced by a good one
        writeAtomically(target, segmentBytes(r, run))
        result.segmentsWritten++
      }
      result.exported += run.length
      opts.onProgress?.('export', i + 1, runs.length)
      if ((i + 1) % 20 === 0) yield { phase: 'export', done: i + 1, total: runs.length }
    }
  } catch (e) {
    if (!isReadOnlyError(e)) throw e
    result.readOnly = true
  }
  return result
}

/** Whether the folder's format.json is ours and the folder can be written (creating format.json if need be). */
export const checkFolder = (folder: string, district = '310117') => checkFormat(folder, district)
export { isReadOnlyError }
