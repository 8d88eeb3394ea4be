/**
 * The GB/T 38565-2020 class table on the catalogue: the bureau imports the standard's code table from Excel (two
 * columns, code and name; rows in any order), every row checked — structure (national-code.ts), a parent that is
 * known (in the table, in the same file, or one of the three shipped 大类), no code twice — and the whole file
 * written in one event or nothing. The catalogue is browsed as a tree of these classes with the items under the
 * class they carry; an item whose class is not in the table yet still shows, under a node named 未导入.
 */
import { asc, eq } from 'drizzle-orm'
import { items, nationalCodeClasses } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError, renderMessage } from '../common/errors'
import { clean, type Cell } from '../common/import-parse'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent, lwwBases } from '../sync/lww'
import { applyRecord, type RecordEvent } from '../sync/records'
import { readImportSource, resolveColumns, type ImportIssue, type ImportSource } from '../stock/import'
import { ancestry, checkNationalCode, isCatchAll, levelOf, parentOf, TOP_CLASSES } from './national-code'

export const NATIONAL_CODE_ENTITY = 'national_code'
const FIELDS = ['code', 'name'] as const
type Field = (typeof FIELDS)[number]
const ALIASES: Record<Field, string[]> = {
  code: ['分类代码', '代码', '编码', '分类编码', '类目代码', 'code'],
  name: ['类目名称', '名称', '分类名称', '类目', 'name'],
}
const LABELS: Record<Field | 'file', [string, string]> = { code: ['分类代码', 'class code'], name: ['类目名称', 'class name'], file: ['文件', 'file'] }
const MAPPING_KEY = 'import.mapping.nationalCodes'
const NAME_MAX = 100

export interface CodeTableRow { fileRow: number; code: string; name: string; isNew: boolean; renamed: boolean }

/** The three 大类 and every imported class, by code. */
export function codeNames(tx: DbOrTx, lang: 'zh' | 'en' = 'zh'): Map<string, string> {
  const out = new Map<string, string>(TOP_CLASSES.map((t) => [t.code, lang === 'zh' ? t.zh : t.en]))
  for (const r of tx.select().from(nationalCodeClasses).all()) out.set(r.code, r.name)
  return out
}

export function listCodeTable(ctx: ServiceContext) {
  const names = codeNames(ctx.db, ctx.lang)
  return [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, name]) => ({ code, name, level: levelOf(code), parent: parentOf(code), catchAll: isCatchAll(code), shipped: code.length === 1 }))
}

export function parseCodeTable(ctx: ServiceContext, source: ImportSource, given?: Partial<Record<Field, number>>) {
  const label = (f: string) => (LABELS[f as Field] ?? [f, f])[ctx.lang === 'zh' ? 0 : 1]
  const issue = (row: number, field: string, code: string, params: Record<string, string | number> = {}): ImportIssue =>
    ({ row, field, code, message: renderMessage(code, { row, ...params, field: label(field) }, ctx.lang) })
  const empty = { headers: [] as string[], mapping: {} as Partial<Record<Field, number>>, fileErrors: [] as ImportIssue[], errors: [] as ImportIssue[], total: 0, lines: [] as CodeTableRow[] }
  const read = readImportSource(source)
  if ('error' in read) return { ...empty, fileErrors: [issue(0, 'file', 'IMPORT_NOT_TEXT')] }
  const isBlank = (r: Cell[] | undefined) => !r || r.every((c) => clean(c) === '')
  const headerAt = read.rows.findIndex((r) => !isBlank(r))
  if (headerAt < 0) return { ...empty, fileErrors: [issue(0, 'file', 'IMPORT_EMPTY')] }
  const headers = read.rows[headerAt].map((h) => clean(h))
  const mapping = resolveColumns(ctx, MAPPING_KEY, FIELDS, ALIASES, headers, given)
  const fileErrors = FIELDS.filter((f) => mapping[f] === undefined).map((f) => issue(headerAt + 1, f, 'IMPORT_MISSING_COLUMN'))
  const data = read.rows.slice(headerAt + 1).map((r, i) => ({ r, fileRow: headerAt + 2 + i })).filter((x) => !isBlank(x.r))
  if (!data.length && !fileErrors.length) fileErrors.push(issue(0, 'file', 'IMPORT_NO_ROWS'))
  if (fileErrors.length) return { ...empty, headers, mapping, fileErrors, total: data.length }

  const held = codeNames(ctx.db)
  const cell = (r: Cell[], f: Field): Cell => r[mapping[f]!] ?? null
  // first pass: each row's own checks; the codes the file brings
  const checked: Array<{ fileRow: number; code: string; name: string; ok: boolean }> = []
  const errors: ImportIssue[] = []
  const seen = new Map<string, number>()
  for (const { r, fileRow } of data) {
    const before = errors.length
    const raw = cell(r, 'code')
    const rawText = raw == null ? '' : String(raw)
    const name = String(cell(r, 'name') ?? '').normalize('NFC').replace(/[\u200b-\u200f\u2060\ufeff]/g, '').replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim()
    let code = ''
    if (!rawText.trim()) errors.push(issue(fileRow, 'code', 'IMPORT_REQUIRED'))
    else {
      const c = checkNationalCode(rawText)
      if (!c.ok) errors.push(issue(fileRow, 'code', c.problem.code, c.problem.params))
      else {
        code = c.code
        const first = seen.get(code)
        if (first !== undefined) errors.push(issue(fileRow, 'code', 'NATIONAL_CODE_DUPLICATE', { first }))
        else seen.set(code, fileRow)
      }
    }
    if (!name) errors.push(issue(fileRow, 'name', 'IMPORT_REQUIRED'))
    else if (name.length > NAME_MAX) errors.push(issue(fileRow, 'name', 'IMPORT_TOO_LONG', { max: NAME_MAX }))
    checked.push({ fileRow, code, name, ok: errors.length === before })
  }
  // second pass: every class's parent is known (held, or in this file)
  const lines: CodeTableRow[] = []
  for (const c of checked) {
    if (!c.code) continue
    const parent = parentOf(c.code)
    if (parent && !held.has(parent) && !seen.has(parent)) {
      errors.push(issue(c.fileRow, 'code', 'NATIONAL_CODE_NO_PARENT', { value: c.code, parent }))
      continue
    }
    if (c.ok) lines.push({ fileRow: c.fileRow, code: c.code, name: c.name, isNew: !held.has(c.code), renamed: held.has(c.code) && held.get(c.code) !== c.name })
  }
  errors.sort((a, b) => a.row - b.row)
  return { headers, mapping, fileErrors: [] as ImportIssue[], errors, total: data.length, lines }
}

export function previewCodeTable(ctx: ServiceContext, source: ImportSource, mapping?: Partial<Record<Field, number>>) {
  const p = parseCodeTable(ctx, source, mapping)
  const errors = [...p.fileErrors, ...p.errors]
  return {
    headers: p.headers, mapping: p.mapping, total: p.total, errorCount: errors.length, errors: errors.slice(0, 1000),
    ready: p.lines.length, added: p.lines.filter((l) => l.isNew).length, renamed: p.lines.filter((l) => l.renamed).length,
    templateHeaders: FIELDS.map((f) => ALIASES[f][0]),
  }
}

/** Writes the whole table when not one row has an error: one `nationalCodes.imported` event (classes unchanged left out). */
export function importCodeTable(ctx: ServiceContext, source: ImportSource, mapping?: Partial<Record<Field, number>>) {
  const p = parseCodeTable(ctx, source, mapping)
  const errors = [...p.fileErrors, ...p.errors]
  if (errors.length) throw new AppError('IMPORT_HAS_ERRORS', { n: errors.length, first: errors[0].message }, { row: errors[0].row, field: errors[0].field })
  const rows = p.lines.filter((l) => l.isNew || l.renamed).map((l) => ({ code: l.code, name: l.name }))
  return ctx.db.transaction((tx) => {
    if (rows.length) {
      const bases = Object.fromEntries(rows.map((r) => [r.code, lwwBases(tx, NATIONAL_CODE_ENTITY, r.code, ['name']).name ?? null]))
      const payload: CodesImportedPayload = { rows, bases }
      const eventId = appendEvent(tx, ctx, { type: 'nationalCodes.imported', entityId: 'national-codes', payload })
      applyCodesImported(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), payload })
    }
    return { rows: p.lines.length, added: p.lines.filter((l) => l.isNew).length, renamed: p.lines.filter((l) => l.renamed).length }
  })
}

export interface CodesImportedPayload { rows: Array<{ code: string; name: string }>; bases?: Record<string, string | null> }

/** `nationalCodes.imported`, local and received: each class's name is a field merged last-writer-wins. */
export function applyCodesImported(tx: DbOrTx, e: RecordEvent & { payload: unknown }): void {
  const p = e.payload as CodesImportedPayload
  for (const r of p.rows) {
    const bases = p.bases && r.code in p.bases ? { name: p.bases[r.code] } : undefined
    applyRecord(tx, nationalCodeClasses, eq(nationalCodeClasses.code, r.code), { code: r.code }, e, {
      entity: NATIONAL_CODE_ENTITY, entityId: r.code, row: { name: r.name }, changed: ['name'], bases,
    })
  }
}

export interface CodeTreeNode {
  code: string; name: string | null; level: number; catchAll: boolean
  /** items carrying exactly this class */
  items: Array<{ id: string; code: string; name: string; unit: string; active: boolean }>
  /** items in this class and every class below */
  itemCount: number
  children: CodeTreeNode[]
}

/**
 * The catalogue as a tree by class: every class of the table that holds an item (or has one below it, or —
 * with `all` — every class), each item under the class it carries; `unclassified` = items without a code,
 * `invalid` = items whose code (free text from before codes were checked) is not a class code.
 */
export function codeTree(ctx: ServiceContext, opts: { all?: boolean } = {}) {
  const names = codeNames(ctx.db, ctx.lang)
  const nodes = new Map<string, CodeTreeNode>()
  const node = (code: string): CodeTreeNode => {
    let n = nodes.get(code)
    if (!n) {
      n = { code, name: names.get(code) ?? null, level: levelOf(code), catchAll: isCatchAll(code), items: [], itemCount: 0, children: [] }
      nodes.set(code, n)
    }
    return n
  }
  for (const t of TOP_CLASSES) node(t.code)
  if (opts.all) for (const code of names.keys()) for (const a of ancestry(code)) node(a)
  const unclassified: CodeTreeNode['items'] = []
  const invalid: Array<CodeTreeNode['items'][number] & { nationalCode: string }> = []
  for (const it of ctx.db.select().from(items).orderBy(asc(items.code)).all()) {
    const row = { id: it.id, code: it.code, name: it.name, unit: it.unit, active: it.active }
    if (!it.nationalCode) { unclassified.push(row); continue }
    const c = checkNationalCode(it.nationalCode)
    if (!c.ok) { invalid.push({ ...row, nationalCode: it.nationalCode }); continue }
    const path = ancestry(c.code)
    for (const a of path) node(a).itemCount++
    node(c.code).items.push(row)
  }
  // (a Map visits the entries added while it is iterated, so a parent made here finds its own parent too)
  for (const n of nodes.values()) {
    const parent = parentOf(n.code)
    if (parent) node(parent).children.push(n)
  }
  for (const n of nodes.values()) n.children.sort((a, b) => (a.code < b.code ? -1 : 1))
  const roots = TOP_CLASSES.map((t) => nodes.get(t.code)!)
  return { roots, unclassified, invalid, classes: names.size }
}
