/** Loads the bundled reference data (divisions, default catalogue) into an empty installation. */
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { items, regions } from '../schema'
import type { Db } from '../open'

export function findResourcesDir(extra: string[] = []): string {
  const candidates = [
    process.env.RESERVE_RESOURCES,
    ...extra,
    path.join(__dirname, 'resources'),
    path.join(__dirname, '..', 'resources'),
    path.join(__dirname, '..', '..', 'resources'),
    path.join(process.cwd(), 'resources'),
  ].filter((p): p is string => !!p)
  const found = candidates.find((p) => fs.existsSync(path.join(p, 'catalogue.json')))
  if (!found) throw new Error(`resources not found; looked in: ${candidates.join(', ')}`)
  return found
}

interface DistrictFile {
  district: { code: string; name: string; cityName?: string }
  streets: Array<{ code: string; name: string; kind: string }>
  communities: Array<{ code: string; name: string; streetCode: string; kind: string }>
}

export function loadDistrict(db: Db, resourcesDir: string, areaCode = '310117'): number {
  const file = JSON.parse(fs.readFileSync(path.join(resourcesDir, 'regions', `${areaCode}.json`), 'utf8')) as DistrictFile
  const rows = [
    { code: file.district.code, name: file.district.name, level: 'district' as const, parentCode: null, kind: '区' },
    ...file.streets.map((s) => ({ code: s.code, name: s.name, level: 'street' as const, parentCode: file.district.code, kind: s.kind })),
    ...file.communities.map((c) => ({ code: c.code, name: c.name, level: 'community' as const, parentCode: c.streetCode, kind: c.kind })),
  ]
  db.transaction((tx) => {
    for (let i = 0; i < rows.length; i += 200) tx.insert(regions).values(rows.slice(i, i + 200)).onConflictDoNothing().run()
  })
  return rows.length
}

interface CatalogueEntry {
  code: string; name: string; category: string; unit: string; spec?: string | null; shelfLifeDays?: number | null
  returnable: boolean; lotTracked: boolean; unitPrice?: number | null; nationalCode?: string | null
}

export function loadCatalogue(db: Db, resourcesDir: string): number {
  const entries = JSON.parse(fs.readFileSync(path.join(resourcesDir, 'catalogue.json'), 'utf8')) as CatalogueEntry[]
  db.transaction((tx) => {
    for (const e of entries) {
      tx.insert(items).values({
        id: e.code, code: e.code, name: e.name, category: e.category, unit: e.unit, spec: e.spec ?? null,
        shelfLifeDays: e.shelfLifeDays ?? null, returnable: e.returnable, lotTracked: e.lotTracked,
        unitPrice: e.unitPrice ?? null, nationalCode: e.nationalCode ?? null,
      }).onConflictDoNothing().run()
    }
  })
  return entries.length
}

export const isEmpty = (db: Db): boolean => db.select({ n: sql<number>`count(*)` }).from(regions).get()!.n === 0
