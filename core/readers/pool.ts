/**
 * Readers beside the one writer (issue 15, docs/architecture.md "Readers and the writer"): a few worker threads,
 * each with a read-only connection on the installation's WAL file, answer the hub's `kind: 'query'` calls, so a
 * slow report never holds up the other readers nor the postings, and a posting never waits for a report. The main
 * thread keeps the only writing connection (every mutation, every audit entry, the sync log).
 *
 * A call the readers cannot answer alone comes back as `null` and the caller answers it through the writer as
 * before: no reader ready yet, a refusal (the writer audits it), an unknown or expired session, a handler that
 * tried to write. WAL gives each read a consistent snapshot of what was committed when it began, so a read sent
 * after a write was answered sees that write.
 */
import { Worker } from 'node:worker_threads'
import path from 'node:path'
import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { ApiResult } from '../api/invoke'

export interface ReaderRequest { id: number; token?: string; method: string; input: unknown; lang: string; today: string }
export type ReaderReply = { id: number; result: ApiResult; fallback?: undefined } | { id: number; fallback: true; result?: undefined }

export interface ReaderPool {
  /** the answer, or null when the writer must answer this call */
  call(req: Omit<ReaderRequest, 'id'>): Promise<ApiResult | null>
  /** readers started and able to answer */
  readonly ready: number
  /** calls answered by a reader, and handed back to the writer */
  readonly stats: { answered: number; handedBack: number }
  /** resolves when every reader has opened its connection (or failed to) */
  whenReady(): Promise<void>
  close(): Promise<void>
}

/** The method prefixes never answered by a reader: they read this process's own state (jobs, sessions, files). */
const WRITER_ONLY = /^(auth|backup|sync|system)\./

export const answeredByReaders = (method: string) => !WRITER_ONLY.test(method)

function workerFile(): { file: string; execArgv?: string[] } {
  const js = path.join(__dirname, 'worker.js')
  if (fs.existsSync(js)) return { file: js }
  // From source (tsx, vitest): the worker needs tsx's loader to read TypeScript.
  const tsxDir = path.dirname(require.resolve('tsx/package.json', { paths: [__dirname, process.cwd()] }))
  const loader = pathToFileURL(path.join(tsxDir, 'dist', 'loader.mjs')).href
  return { file: path.join(__dirname, 'worker.ts'), execArgv: ['--import', loader] }
}

interface Slot { worker: Worker; ready: boolean; busy?: { req: ReaderRequest; resolve: (r: ApiResult | null) => void } }

export interface ReaderOptions {
  file: string
  migrationsFolder?: string
  count: number
  /** tests only: calls of this method wait in their reader until `gate[0]` becomes non-zero (Atomics.notify) */
  hold?: { method: string; gate: SharedArrayBuffer }
}

export function startReaders(opts: ReaderOptions): ReaderPool {
  const { file: entry, execArgv } = workerFile()
  const slots: Slot[] = []
  const queue: Array<{ req: ReaderRequest; resolve: (r: ApiResult | null) => void }> = []
  let nextId = 1
  const stats = { answered: 0, handedBack: 0 }
  let closed = false
  let started = 0
  let settle: () => void = () => {}
  const allStarted = new Promise<void>((r) => { settle = r })
  const started1 = () => { if (++started >= opts.count) settle() }

  const pump = () => {
    for (const s of slots) {
      if (!queue.length) return
      if (!s.ready || s.busy) continue
      s.busy = queue.shift()!
      s.worker.postMessage(s.busy.req)
    }
  }

  const spawn = () => {
    const worker = new Worker(entry, { workerData: { file: opts.file, migrationsFolder: opts.migrationsFolder, hold: opts.hold }, execArgv })
    const slot: Slot = { worker, ready: false }
    slots.push(slot)
    let counted = false
    worker.on('message', (m: ReaderReply | { ready: true }) => {
      if ('ready' in m) { slot.ready = true; if (!counted) { counted = true; started1() } pump(); return }
      const busy = slot.busy
      slot.busy = undefined
      if (busy && busy.req.id === m.id) {
        if (m.fallback) stats.handedBack++
        else stats.answered++
        busy.resolve(m.fallback ? null : m.result)
      }
      pump()
    })
    const gone = (e?: unknown) => {
      if (!counted) { counted = true; started1() }
      const i = slots.indexOf(slot)
      if (i >= 0) slots.splice(i, 1)
      slot.busy?.resolve(null)
      slot.busy = undefined
      if (!closed && e) { console.error('[readers] a reader stopped; starting another', e); spawn() }
      // calls queued for readers that are all gone go to the writer
      if (!slots.some((s) => s.ready)) for (const q of queue.splice(0)) q.resolve(null)
    }
    worker.on('error', (e) => gone(e))
    worker.on('exit', () => gone())
  }
  for (let i = 0; i < opts.count; i++) spawn()

  return {
    call(req) {
      if (closed || !slots.some((s) => s.ready)) return Promise.resolve(null)
      return new Promise((resolve) => {
        queue.push({ req: { ...req, id: nextId++ }, resolve })
        pump()
      })
    },
    get ready() { return slots.filter((s) => s.ready).length },
    stats,
    whenReady: () => allStarted,
    async close() {
      closed = true
      for (const q of queue.splice(0)) q.resolve(null)
      await Promise.all(slots.map((s) => s.worker.terminate()))
    },
  }
}
