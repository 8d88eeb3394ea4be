/**
 * Excel/CSV import of the guidance catalogue (指导目录): one row per item, matched by code — a new code adds the item,
 * a known code changes it. With a plan year, each row's price is also that year's catalogue-version price and the
 * item is in that year's catalogue. Same machinery as the stock import (stock/import.ts): the file's columns are
 * mapped by our headers, their synonyms or the user's mapping (remembered), every row is checked and each error names
 * its row and field; `postCatalogueImport` writes everything in one transaction or nothing.
 */
import { items, settings } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { AppError, renderMessage } from '../common/errors'
import { clean, parseMoney, parseQuantity, type Cell } from '../common/import-parse'
import { readImportSource, resolveColumns, type ImportIssue, type ImportSource } from '../stock/import'
import { saveItem, type ItemFields } from './catalogue'
import { saveCatalogueVersion } from './versions'
import { checkNationalCode } from './national-code'
import { forbiddenCharacter, nonCodeCharacter, stripZeroWidth } from '../common/text'

export const CATALOGUE_IMPORT_FIELDS = [
  'code', 'name', 'category', 'nationalCode', 'unit', 'spec', 'shelfLifeDays', 'returnable', 'lotTracked', 'unitPrice',
] as const
export type CatalogueImportField = (typeof CATALOGUE_IMPORT_FIELDS)[number]
export type CatalogueMapping = Partial<Record<CatalogueImportField, number>>

/** Our template's header first (zh), then what people commonly write instead. */
const ALIASES: Record<CatalogueImportField, string[]> = {
  code: ['物资编码', '编码', '物资代码', '代码', 'item code', 'code'],
  name: ['物资名称', '名称', '品名', 'item name', 'name'],
  category: ['类别', '物资类别', '分类', 'category'],
  nationalCode: ['国家分类编码', '国家分类代码', '分类编码', 'national code'],
  unit: ['单位', '计量单位', 'unit'],
  spec: ['规格', '规格型号', '型号', 'specification', 'spec'],
  shelfLifeDays: ['保质期（天）', '保质期(天)', '保质期', 'shelf life (days)', 'shelf life'],
  returnable: ['可回收', '是否可回收', 'returnable'],
  lotTracked: ['批次管理', '是否批次管理', 'lot tracked', 'lot-tracked'],
  unitPrice: ['单价（元）', '单价(元)', '单价', 'unit price', 'price'],
}
const LABELS: Record<CatalogueImportField | 'file', [string, string]> = {
  code: ['物资编码', 'item code'], name: ['物资名称', 'item name'], category: ['类别', 'category'], nationalCode: ['国家分类编码', 'national code'],
  unit: ['单位', 'unit'], spec: ['规格', 'specification'], shelfLifeDays: ['保质期（天）', 'shelf life (days)'], returnable: ['可回收', 'returnable'],
  lotTracked: ['批次管理', 'lot tracked'], unitPrice: ['单价（元）', 'unit price'], file: ['文件', 'file'],
}
const MAX_LEN: Partial<Record<CatalogueImportField, number>> = { code: 40, name: 100, category: 40, nationalCode: 40, unit: 10, spec: 200 }
const REQUIRED: CatalogueImportField[] = ['code', 'name', 'category', 'unit']
const MAPPING_KEY = 'import.mapping.catalogue'

/** Names and specs as written (full-width brackets, ㎡ and × stay); only stray and full-width spaces are tidied. */
const keepText = (v: Cell) => (v == null ? '' : stripZeroWidth(String(v)).replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim())
const normHeader = (h: string) => clean(h).toLowerCase().replace(/[\s*＊]/g, '')
const YES = new Set(['是', '1', 'y', 'yes', 'true', '√', '✓', '可', '需要'])
const NO = new Set(['否', '0', 'n', 'no', 'false', '×', '不', '不需要'])

/** 是/否 as people write them; '' = not given (the default applies); null = unreadable. */
function parseYesNo(v: Cell): boolean | null | undefined {
  if (typeof v === 'boolean') return v
  const s = clean(v).toLowerCase()
  if (s === '') return undefined
  if (YES.has(s)) return true
  if (NO.has(s)) return false
  return null
}

export interface CatalogueRow { fileRow: number; item: ItemFields & { id?: string }; isNew: boolean }

export interface ParsedCatalogue {
  encoding: string | null
  headers: string[]
  mapping: CatalogueMapping
  fileErrors: ImportIssue[]
  errors: ImportIssue[]
  errorCount: number
  total: number
  lines: CatalogueRow[]
  rows: Array<{ fileRow: number; cells: Cell[] }>
}

export function parseCatalogueImport(ctx: ServiceContext, source: ImportSource, given?: CatalogueMapping): ParsedCatalogue {
  const label = (f: string) => (LABELS[f as CatalogueImportField] ?? [f, f])[ctx.lang === 'zh' ? 0 : 1]
  const issue = (row: number, field: string, code: string, params: Record<string, string | number> = {}): ImportIssue =>
    ({ row, field, code, message: renderMessage(code, { row, ...params, field: label(field) }, ctx.lang) })
  const empty: ParsedCatalogue = { encoding: null, headers: [], mapping: {}, fileErrors: [], errors: [], errorCount: 0, total: 0, lines: [], rows: [] }
  const read = readImportSource(source)
  if ('error' in read) return { ...empty, fileErrors: [issue(0, 'file', 'IMPORT_NOT_TEXT')], errorCount: 1 }
  const isBlank = (r: Cell[] | undefined) => !r || r.every((c) => clean(c) === '')
  const headerAt = read.rows.findIndex((r) => !isBlank(r))
  if (headerAt < 0) return { ...empty, encoding: read.encoding, fileErrors: [issue(0, 'file', 'IMPORT_EMPTY')], errorCount: 1 }
  const headers = read.rows[headerAt].map((h) => clean(h))
  const mapping = resolveMapping(ctx, headers, given)
  const fileErrors = REQUIRED.filter((f) => mapping[f] === undefined).map((f) => issue(headerAt + 1, f, 'IMPORT_MISSING_COLUMN'))
  const dataRows = read.rows.slice(headerAt + 1).map((r, i) => ({ r, fileRow: headerAt + 2 + i })).filter((x) => !isBlank(x.r))
  if (!dataRows.length && !fileErrors.length) fileErrors.push(issue(0, 'file', 'IMPORT_NO_ROWS'))
  const rows = dataRows.map((x) => ({ fileRow: x.fileRow, cells: x.r }))
  if (fileErrors.length) return { ...empty, encoding: read.encoding, headers, mapping, fileErrors, errorCount: fileErrors.length, total: dataRows.length, rows }

  const held = ctx.db.select().from(items).all()
  const byCode = new Map(held.map((i) => [i.code.toUpperCase(), i]))
  // a code two items hold (given by two offices while apart: catalogue.duplicateItemCodes): which one to update is unknown
  const heldBy = new Map<string, number>()
  for (const i of held) heldBy.set(i.code.toUpperCase(), (heldBy.get(i.code.toUpperCase()) ?? 0) + 1)
  const seen = new Map<string, number>()
  const errors: ImportIssue[] = []
  const lines: CatalogueRow[] = []
  const cell = (r: Cell[], f: CatalogueImportField): Cell => (mapping[f] === undefined ? null : r[mapping[f]!] ?? null)

  for (const { r, fileRow } of dataRows) {
    const rowErrors: ImportIssue[] = []
    const text: Partial<Record<CatalogueImportField, string>> = {}
    for (const f of Object.keys(MAX_LEN) as CatalogueImportField[]) {
      const isCode = f === 'code' || f === 'nationalCode'
      const v = isCode ? clean(cell(r, f)) : keepText(cell(r, f))
      // as at the api door: no control or bidi characters; codes are ASCII/CJK
      const raw = cell(r, f)
      const bad = (typeof raw === 'string' ? forbiddenCharacter(raw)?.char : undefined) ?? (isCode ? nonCodeCharacter(v) : null)
      if (bad) rowErrors.push(issue(fileRow, f, 'IMPORT_BAD_CHARACTER', { value: bad }))
      else if (REQUIRED.includes(f) && !v) rowErrors.push(issue(fileRow, f, 'IMPORT_REQUIRED'))
      else if (v.length > MAX_LEN[f]!) rowErrors.push(issue(fileRow, f, 'IMPORT_TOO_LONG', { max: MAX_LEN[f]! }))
      text[f] = v
    }
    const code = (text.code ?? '').toUpperCase()
    const existing = code ? byCode.get(code) : undefined
    if (code && (heldBy.get(code) ?? 0) > 1) rowErrors.push(issue(fileRow, 'code', 'IMPORT_ITEM_CODE_AMBIGUOUS', { value: code, count: heldBy.get(code)! }))
    if (code) {
      const first = seen.get(code)
      if (first !== undefined) rowErrors.push(issue(fileRow, 'code', 'IMPORT_DUPLICATE_CODE', { first }))
      else seen.set(code, fileRow)
    }
    let nationalCode = text.nationalCode ?? ''
    if (nationalCode && nationalCode !== existing?.nationalCode) {
      const c = checkNationalCode(nationalCode)
      if (!c.ok) rowErrors.push(issue(fileRow, 'nationalCode', c.problem.code, c.problem.params))
      else nationalCode = c.code
    }
    text.nationalCode = nationalCode
    const shelfCell = cell(r, 'shelfLifeDays')
    const shelfLifeDays = clean(shelfCell) === '' ? null : parseQuantity(shelfCell)
    if (clean(shelfCell) !== '' && (shelfLifeDays === null || shelfLifeDays > 36500)) {
      rowErrors.push(issue(fileRow, 'shelfLifeDays', 'IMPORT_BAD_QUANTITY', { value: clean(shelfCell) }))
    }
    const flags: Partial<Record<'returnable' | 'lotTracked', boolean>> = {}
    for (const f of ['returnable', 'lotTracked'] as const) {
      const v = parseYesNo(cell(r, f))
      if (v === null) rowErrors.push(issue(fileRow, f, 'IMPORT_BAD_YESNO', { value: clean(cell(r, f)) }))
      else if (v !== undefined) flags[f] = v
    }
    const unitPrice = parseMoney(cell(r, 'unitPrice'))
    if (unitPrice === null || (unitPrice !== undefined && unitPrice > 1e9)) rowErrors.push(issue(fileRow, 'unitPrice', 'IMPORT_BAD_MONEY', { value: clean(cell(r, 'unitPrice')) }))
    errors.push(...rowErrors)
    if (rowErrors.length) continue
    // A column the file does not have keeps what the item already says; a new item gets our defaults.
    const keep = <T>(f: CatalogueImportField, value: T | undefined, current: T): T => (mapping[f] === undefined || value === undefined ? current : value)
    lines.push({
      fileRow, isNew: !existing,
      item: {
        id: existing?.id, code: existing?.code ?? text.code!, name: text.name!, category: text.category!, unit: text.unit!,
        nationalCode: keep<string | null>('nationalCode', text.nationalCode || undefined, existing?.nationalCode ?? null),
        spec: keep<string | null>('spec', text.spec || undefined, existing?.spec ?? null),
        shelfLifeDays: keep<number | null>('shelfLifeDays', shelfLifeDays ?? undefined, existing?.shelfLifeDays ?? null),
        returnable: keep('returnable', flags.returnable, existing?.returnable ?? false),
        lotTracked: keep('lotTracked', flags.lotTracked, existing?.lotTracked ?? true),
        unitPrice: keep<number | null>('unitPrice', unitPrice ?? undefined, existing?.unitPrice ?? null),
        active: existing?.active ?? true,
      },
    })
  }
  return { encoding: read.encoding, headers, mapping, fileErrors: [], errors, errorCount: errors.length, total: dataRows.length, lines, rows }
}

function resolveMapping(ctx: ServiceContext, headers: string[], given?: CatalogueMapping): CatalogueMapping {
  return resolveColumns(ctx, MAPPING_KEY, CATALOGUE_IMPORT_FIELDS, ALIASES, headers, given)
}

const PREVIEW_ERROR_ROWS = 1000
const PREVIEW_FIRST_ROWS = 200

/** What the import page's preview shows, in the same shape as the stock import's. */
export function previewCatalogueImport(ctx: ServiceContext, source: ImportSource, mapping?: CatalogueMapping) {
  const p = parseCatalogueImport(ctx, source, mapping)
  const errorRows = new Set(p.errors.slice(0, PREVIEW_ERROR_ROWS).map((e) => e.row))
  const rows = p.rows
    .filter((r, i) => i < PREVIEW_FIRST_ROWS || errorRows.has(r.fileRow))
    .map((r) => ({ fileRow: r.fileRow, cells: p.headers.map((_h, c) => clean(r.cells[c] ?? null)) }))
  return {
    encoding: p.encoding, headers: p.headers, mapping: p.mapping, total: p.total, errorCount: p.errorCount,
    fileErrors: p.fileErrors, errors: p.errors.slice(0, PREVIEW_ERROR_ROWS), ready: p.lines.length,
    added: p.lines.filter((l) => l.isNew).length, changed: p.lines.filter((l) => !l.isNew).length,
    rows, templateHeaders: CATALOGUE_IMPORT_FIELDS.map((f) => ALIASES[f][0]),
  }
}

/**
 * Writes the whole file — only when not one error remains — as item.created / item.updated events (and, with a
 * plan year, catalogue.versionSaved for each priced row), all in one transaction; remembers the column mapping.
 */
export function postCatalogueImport(ctx: ServiceContext, input: { source: ImportSource; mapping?: CatalogueMapping; planYear?: number }) {
  const p = parseCatalogueImport(ctx, input.source, input.mapping)
  if (p.errorCount) {
    const first = p.fileErrors[0] ?? p.errors[0]
    throw new AppError('IMPORT_HAS_ERRORS', { n: p.errorCount, first: first.message }, { row: first.row, field: first.field })
  }
  return ctx.db.transaction((tx) => {
    for (const l of p.lines) {
      try {
        const { id } = saveItem(ctx, l.item)
        if (input.planYear !== undefined && l.item.unitPrice != null) {
          saveCatalogueVersion(ctx, { planYear: input.planYear, itemId: id, unitPrice: l.item.unitPrice, included: true })
        }
      } catch (e) {
        // the service names the field; the user knows the file's row
        if (e instanceof AppError) throw new AppError(e.code, e.params, { row: l.fileRow, field: e.where.field }, e.status)
        throw e
      }
    }
    const remembered = Object.fromEntries(Object.entries(p.mapping).map(([f, i]) => [f, p.headers[i!]]))
    tx.insert(settings).values({ key: MAPPING_KEY, value: JSON.stringify(remembered) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(remembered) } }).run()
    return { rows: p.lines.length, added: p.lines.filter((l) => l.isNew).length, changed: p.lines.filter((l) => !l.isNew).length, planYear: input.planYear ?? null }
  })
}
