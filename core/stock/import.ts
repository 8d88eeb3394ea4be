/**
 * Importing opening stock (期初) and receipts from xlsx or CSV. `previewImport` reads the file, maps its columns to
 * ours (by our template's headers, their usual synonyms, or the mapping the user gave — remembered for next time)
 * and checks every row against the catalogue; `postImport` does the same and posts one 入库单 only when no error
 * remains. A refused import changes nothing.
 */
import { eq } from 'drizzle-orm'
import { items, settings, sites } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError, renderMessage } from '../common/errors'
import { clean, decodeText, parseDate, parseDelimited, parseMoney, parseQuantity, type Cell } from '../common/import-parse'
import { forbiddenCharacter, nonCodeCharacter } from '../common/text'
import { postInbound, type PostResult, type ReceiptLineInput } from './ledger'

export const IMPORT_FIELDS = ['itemCode', 'itemName', 'unit', 'lotNo', 'productionDate', 'expiryDate', 'quantity', 'unitCost', 'supplier', 'note'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
export type ImportKind = 'opening' | 'receipt'

/** Our template's headers first, then what people commonly write instead. */
const ALIASES: Record<ImportField, string[]> = {
  itemCode: ['物资编码', '编码', '物资代码', '代码', 'item code', 'code'],
  itemName: ['物资名称', '名称', '品名', '物资', 'item name', 'item', 'name'],
  unit: ['单位', '计量单位', 'unit'],
  lotNo: ['批次号', '批次', '批号', 'lot no', 'lot'],
  productionDate: ['生产日期', 'production date'],
  expiryDate: ['有效期至', '有效期', '到期日期', '失效日期', 'expiry date', 'expiry'],
  quantity: ['数量', '入库数量', '库存数量', '期初数量', 'quantity', 'qty'],
  unitCost: ['单价（元）', '单价(元)', '单价', 'unit cost', 'price'],
  supplier: ['供应商', 'supplier'],
  note: ['备注', 'note'],
}

/** A 储备点 column: its rows must name the site chosen on the page (by code or name), never go elsewhere silently. */
const SITE_ALIASES = ['储备点', '储备点编码', '储备点名称', '储备库', '仓库', 'site', 'site code']

export type ImportSource = { format: 'csv'; base64: string } | { format: 'rows'; rows: Cell[][] }

export interface ImportIssue { row: number; field: string; code: string; message: string }

export interface ParsedImport {
  encoding: string | null
  headers: string[]
  mapping: Partial<Record<ImportField, number>>
  fileErrors: ImportIssue[]
  errors: ImportIssue[]
  errorCount: number
  total: number
  /** the lines as they will be posted, with the file row each came from */
  lines: Array<ReceiptLineInput & { fileRow: number }>
  /** the file's data rows as read (for the preview grid) */
  rows: Array<{ fileRow: number; cells: Cell[] }>
}

const normHeader = (h: string) => clean(h).toLowerCase().replace(/[\s*＊]/g, '')
const mappingKey = (kind: ImportKind) => `import.mapping.${kind}`

/** The file's rows: xlsx rows as read in the browser, or CSV bytes decoded (UTF-8, GBK/GB18030, UTF-16). */
export function readImportSource(source: ImportSource): { rows: Cell[][]; encoding: string | null } | { error: 'binary' } {
  if (source.format === 'rows') return { rows: source.rows, encoding: null }
  const bytes = Uint8Array.from(Buffer.from(source.base64, 'base64'))
  const decoded = decodeText(bytes)
  if ('error' in decoded) return decoded
  return { rows: parseDelimited(decoded.text.replace(/^\ufeff/, '')), encoding: decoded.encoding }
}

/** Reads and checks the whole file. `mapping` (field → column index) overrides what the headers say. */
export function parseImport(ctx: ServiceContext, kind: ImportKind, source: ImportSource, given?: Partial<Record<ImportField, number>>, pageSiteId?: string): ParsedImport {
  const msg = (code: string, params: Record<string, string | number> = {}) => renderMessage(code, params, ctx.lang)
  const issue = (row: number, field: string, code: string, params: Record<string, string | number> = {}): ImportIssue =>
    ({ row, field, code, message: msg(code, { row, ...params, field: fieldLabel(field, ctx.lang) }) })
  const read = readImportSource(source)
  const empty: ParsedImport = { encoding: null, headers: [], mapping: {}, fileErrors: [], errors: [], errorCount: 0, total: 0, lines: [], rows: [] }
  if ('error' in read) return { ...empty, fileErrors: [issue(0, 'file', 'IMPORT_NOT_TEXT')], errorCount: 1 }
  const isBlank = (r: Cell[] | undefined) => !r || r.every((c) => clean(c) === '')
  const headerAt = read.rows.findIndex((r) => !isBlank(r))
  if (headerAt < 0) return { ...empty, encoding: read.encoding, fileErrors: [issue(0, 'file', 'IMPORT_EMPTY')], errorCount: 1 }
  const headers = read.rows[headerAt].map((h) => clean(h))
  const mapping = resolveMapping(ctx, kind, headers, given)
  const fileErrors: ImportIssue[] = []
  if (mapping.quantity === undefined) fileErrors.push(issue(headerAt + 1, 'quantity', 'IMPORT_MISSING_COLUMN'))
  if (mapping.itemCode === undefined && mapping.itemName === undefined) fileErrors.push(issue(headerAt + 1, 'itemCode', 'IMPORT_MISSING_COLUMN'))
  const dataRows = read.rows.slice(headerAt + 1).map((r, i) => ({ r, fileRow: headerAt + 2 + i })).filter((x) => !isBlank(x.r))
  if (!dataRows.length && !fileErrors.length) fileErrors.push(issue(0, 'file', 'IMPORT_NO_ROWS'))
  const rows = dataRows.map((x) => ({ fileRow: x.fileRow, cells: x.r }))
  if (fileErrors.length) return { ...empty, encoding: read.encoding, headers, mapping, fileErrors, errorCount: fileErrors.length, total: dataRows.length, rows }

  const catalogue = ctx.db.select().from(items).all()
  const byCode = new Map(catalogue.map((i) => [i.code.toUpperCase(), i]))
  // a code two items hold (given by two offices while apart: catalogue.duplicateItemCodes) names neither for sure
  const heldBy = new Map<string, number>()
  for (const i of catalogue) heldBy.set(i.code.toUpperCase(), (heldBy.get(i.code.toUpperCase()) ?? 0) + 1)
  const byName = new Map<string, typeof catalogue>()
  for (const i of catalogue) byName.set(i.name, [...(byName.get(i.name) ?? []), i])
  const seen = new Map<string, number>()
  const errors: ImportIssue[] = []
  const lines: ParsedImport['lines'] = []
  const cell = (r: Cell[], f: ImportField): Cell => (mapping[f] === undefined ? null : r[mapping[f]!] ?? null)
  const siteCol = headers.map(normHeader).findIndex((h) => SITE_ALIASES.includes(h))
  const allSites = siteCol >= 0 ? ctx.db.select({ id: sites.id, code: sites.code, name: sites.name }).from(sites).all() : []
  const chosen = allSites.find((x) => x.id === pageSiteId)

  for (const { r, fileRow } of dataRows) {
    const rowErrors: ImportIssue[] = []
    if (siteCol >= 0) {
      const named = clean(r[siteCol] ?? null)
      if (named) {
        const site = allSites.find((x) => x.code.toUpperCase() === named.toUpperCase()) ?? allSites.find((x) => x.name === named)
        if (!site) rowErrors.push(issue(fileRow, 'site', 'IMPORT_UNKNOWN_SITE', { value: named }))
        else if (pageSiteId && site.id !== pageSiteId) rowErrors.push(issue(fileRow, 'site', 'IMPORT_OTHER_SITE', { value: site.name, chosen: chosen?.name ?? pageSiteId }))
      }
    }
    const code = clean(cell(r, 'itemCode')).toUpperCase()
    const name = clean(cell(r, 'itemName'))
    let item = code ? byCode.get(code) : undefined
    if (!code && name) {
      const named = byName.get(name) ?? []
      if (named.length === 1) item = named[0]
    }
    if (code && (heldBy.get(code) ?? 0) > 1) {
      item = undefined
      rowErrors.push(issue(fileRow, 'itemCode', 'IMPORT_ITEM_CODE_AMBIGUOUS', { value: code, count: heldBy.get(code)! }))
    } else if (!item) rowErrors.push(issue(fileRow, code || mapping.itemName === undefined ? 'itemCode' : 'itemName', 'IMPORT_UNKNOWN_ITEM', { value: code || name || '（空）' }))
    else if (code && name && name !== item.name) rowErrors.push(issue(fileRow, 'itemName', 'IMPORT_NAME_MISMATCH', { code: item.code, expected: item.name, value: name }))
    const unit = clean(cell(r, 'unit'))
    if (item && unit && unit !== item.unit) rowErrors.push(issue(fileRow, 'unit', 'IMPORT_WRONG_UNIT', { item: item.name, expected: item.unit, value: unit }))
    const quantity = parseQuantity(cell(r, 'quantity'))
    if (quantity === null) rowErrors.push(issue(fileRow, 'quantity', 'IMPORT_BAD_QUANTITY', { value: clean(cell(r, 'quantity')) || '（空）' }))
    const dates: Partial<Record<'productionDate' | 'expiryDate', string>> = {}
    for (const f of ['productionDate', 'expiryDate'] as const) {
      const d = parseDate(cell(r, f))
      if (d === null) rowErrors.push(issue(fileRow, f, 'IMPORT_BAD_DATE', { value: clean(cell(r, f)) }))
      else if (d) dates[f] = d
    }
    if (dates.productionDate && dates.expiryDate && dates.expiryDate < dates.productionDate) {
      rowErrors.push(issue(fileRow, 'expiryDate', 'EXPIRY_BEFORE_PRODUCTION'))
    }
    const unitCost = parseMoney(cell(r, 'unitCost'))
    if (unitCost === null) rowErrors.push(issue(fileRow, 'unitCost', 'IMPORT_BAD_MONEY', { value: clean(cell(r, 'unitCost')) }))
    const lotNo = clean(cell(r, 'lotNo'))
    // as at the api door: no control or bidi characters in any text, a lot number is ASCII/CJK
    for (const f of ['lotNo', 'supplier', 'note'] as const) {
      const raw = cell(r, f)
      const bad = typeof raw === 'string' ? forbiddenCharacter(raw)?.char ?? (f === 'lotNo' ? nonCodeCharacter(lotNo) : null) : null
      if (bad) rowErrors.push(issue(fileRow, f, 'IMPORT_BAD_CHARACTER', { value: bad }))
    }
    if (item?.lotTracked && !lotNo) rowErrors.push(issue(fileRow, 'lotNo', 'LOT_REQUIRED', { item: item.name }))
    if (item) {
      const key = `${item.id}\u0000${lotNo}`
      const first = seen.get(key)
      if (first !== undefined) rowErrors.push(issue(fileRow, 'lotNo', 'IMPORT_DUPLICATE', { first }))
      else seen.set(key, fileRow)
    }
    errors.push(...rowErrors)
    if (!rowErrors.length && item && quantity) {
      lines.push({
        fileRow, itemId: item.id, lotNo: lotNo || undefined, quantity, ...dates, unitCost: unitCost ?? undefined,
        supplier: clean(cell(r, 'supplier')) || undefined, note: clean(cell(r, 'note')) || undefined,
      })
    }
  }
  return { encoding: read.encoding, headers, mapping, fileErrors: [], errors, errorCount: errors.length, total: dataRows.length, lines, rows }
}

function resolveMapping(ctx: ServiceContext, kind: ImportKind, headers: string[], given?: Partial<Record<ImportField, number>>) {
  return resolveColumns(ctx, mappingKey(kind), IMPORT_FIELDS, ALIASES, headers, given)
}

/**
 * Which column holds each field: the user's choice, else the header remembered from the last import of this kind,
 * else a known header name. Shared by the stock and the catalogue imports.
 */
export function resolveColumns<F extends string>(ctx: ServiceContext, settingKey: string, fields: readonly F[], aliases: Record<F, readonly string[]>,
  headers: string[], given?: Partial<Record<F, number | null>>): Partial<Record<F, number>> {
  const norm = headers.map(normHeader)
  const mapping: Partial<Record<F, number>> = {}
  const remembered = JSON.parse(ctx.db.select().from(settings).where(eq(settings.key, settingKey)).get()?.value ?? '{}') as Partial<Record<F, string>>
  for (const f of fields) {
    if (given && f in given) {
      const g = given[f]
      if (g !== undefined && g !== null && g >= 0 && g < headers.length) mapping[f] = g
      continue
    }
    const fromAlias = aliases[f].map(normHeader).map((a) => norm.indexOf(a)).find((i) => i >= 0)
    const fromMemory = remembered[f] !== undefined ? norm.indexOf(normHeader(remembered[f]!)) : -1
    const at = fromMemory >= 0 ? fromMemory : fromAlias
    if (at !== undefined && at >= 0) mapping[f] = at
  }
  return mapping
}

const LABELS: Record<string, [string, string]> = {
  itemCode: ['物资编码', 'item code'], itemName: ['物资名称', 'item name'], unit: ['单位', 'unit'], lotNo: ['批次号', 'lot number'],
  productionDate: ['生产日期', 'production date'], expiryDate: ['有效期至', 'expiry date'], quantity: ['数量', 'quantity'],
  unitCost: ['单价', 'unit cost'], supplier: ['供应商', 'supplier'], note: ['备注', 'note'], file: ['文件', 'file'], site: ['储备点', 'site'],
}
const fieldLabel = (f: string, lang: 'zh' | 'en') => (LABELS[f] ?? [f, f])[lang === 'zh' ? 0 : 1]

/** Rows the preview grid shows at most: every row with an error up to this many, and the first rows of the file. */
export const PREVIEW_ERROR_ROWS = 1000
export const PREVIEW_FIRST_ROWS = 200

/**
 * What the preview shows: every error (the first 1000), the first rows as they will be posted, and the file's own
 * rows — those with an error and the first 200 — as text in the file's columns, for the grid that marks them.
 */
export function previewImport(ctx: ServiceContext, kind: ImportKind, source: ImportSource, mapping?: Partial<Record<ImportField, number>>, siteId?: string) {
  const p = parseImport(ctx, kind, source, mapping, siteId)
  const errorRows = new Set(p.errors.slice(0, PREVIEW_ERROR_ROWS).map((e) => e.row))
  const rows = p.rows
    .filter((r, i) => i < PREVIEW_FIRST_ROWS || errorRows.has(r.fileRow))
    .map((r) => ({ fileRow: r.fileRow, cells: p.headers.map((_h, c) => clean(r.cells[c] ?? null)) }))
  return {
    encoding: p.encoding, headers: p.headers, mapping: p.mapping, total: p.total, errorCount: p.errorCount,
    fileErrors: p.fileErrors, errors: p.errors.slice(0, PREVIEW_ERROR_ROWS), sample: p.lines.slice(0, PREVIEW_FIRST_ROWS),
    ready: p.lines.length, rows, templateHeaders: IMPORT_FIELDS.map((f) => ALIASES[f][0]),
  }
}

/** Posts the file as one 入库单 (期初入库 or 采购入库) — only when not one error remains — and remembers the mapping. */
export function postImport(
  ctx: ServiceContext,
  input: { kind: ImportKind; source: ImportSource; mapping?: Partial<Record<ImportField, number>>; id: string; siteId: string; docDate: string; counterparty?: string },
): PostResult & { rows: number } {
  const p = parseImport(ctx, input.kind, input.source, input.mapping, input.siteId)
  if (p.errorCount) {
    const first = p.fileErrors[0] ?? p.errors[0]
    throw new AppError('IMPORT_HAS_ERRORS', { n: p.errorCount, first: first.message }, { row: first.row, field: first.field })
  }
  return ctx.db.transaction((tx) => {
    let result: PostResult
    try {
      result = postInbound(ctx, 'receipt', {
        id: input.id, siteId: input.siteId, docDate: input.docDate, counterparty: input.counterparty,
        subtype: input.kind === 'opening' ? '期初入库' : '采购入库', lines: p.lines.map(({ fileRow: _f, ...l }) => l),
      })
    } catch (e) {
      // The ledger names the posted line; the user knows the file's row.
      if (e instanceof AppError && e.where.row !== undefined) {
        throw new AppError(e.code, e.params, { row: p.lines[e.where.row - 1]?.fileRow, field: e.where.field }, e.status)
      }
      throw e
    }
    const remembered = Object.fromEntries(Object.entries(p.mapping).map(([f, i]) => [f, p.headers[i!]]))
    tx.insert(settings).values({ key: mappingKey(input.kind), value: JSON.stringify(remembered) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(remembered) } }).run()
    return { ...result, rows: p.lines.length }
  })
}
