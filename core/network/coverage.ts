/**
 * Coverage (一村（居）一点): a community is covered on a day when at least one site that is open that day serves it.
 * A site is open on day D when it opened on or before D (or has no opening date) and had not closed by D — so
 * coverage on any past date follows from the sites' opening and closing dates. NBS's placeholder 虚拟社区 under
 * special zones (kind 其他) have no residents' committee and do not count.
 */
import type { ServiceContext } from '../common/context'
import type { Db } from '../../db/open'

export interface CoverageUnit { code: string; name: string; communities: number; covered: number; rate: number }
export interface UncoveredCommunity { code: string; name: string; kind: string | null; streetCode: string; streetName: string; districtName: string }
export interface Coverage {
  asOf: string
  districts: CoverageUnit[]
  streets: Array<CoverageUnit & { districtCode: string }>
  total: CoverageUnit
  uncovered: UncoveredCommunity[]
}

export const rate = (covered: number, total: number) => (total ? Math.round((covered / total) * 1000) / 10 : 0)

/** SQL condition: site `s` is open on the date bound as `@d`. */
export const SITE_OPEN_ON = `(s.opened_on IS NULL OR s.opened_on <= @d) AND (s.closed_on IS NULL OR s.closed_on > @d)
  AND (s.status = 'active' OR s.closed_on IS NOT NULL)`

/** The codes of the communities covered on a date. */
export function coveredCommunities(db: Db, asOf: string): Set<string> {
  const rows = db.$client.prepare(`SELECT DISTINCT sr.region_code AS code FROM site_regions sr JOIN sites s ON s.id = sr.site_id
    WHERE ${SITE_OPEN_ON}`).all({ d: asOf }) as Array<{ code: string }>
  return new Set(rows.map((r) => r.code))
}

export function coverage(ctx: ServiceContext, q: { asOf?: string; districtCode?: string } = {}): Coverage {
  const asOf = q.asOf ?? ctx.today()
  const db = ctx.db.$client
  const regionsOf = (level: string) => db.prepare(`SELECT code, name, parent_code AS parent, kind FROM regions WHERE level = ? ORDER BY code`)
    .all(level) as Array<{ code: string; name: string; parent: string | null; kind: string | null }>
  const districts = regionsOf('district').filter((d) => !q.districtCode || d.code === q.districtCode)
  const districtSet = new Set(districts.map((d) => d.code))
  const streets = regionsOf('street').filter((s) => s.parent && districtSet.has(s.parent))
  const streetByCode = new Map(streets.map((s) => [s.code, s]))
  const districtName = new Map(districts.map((d) => [d.code, d.name]))
  const rows = db.prepare(`
    WITH served AS (SELECT DISTINCT sr.region_code AS code FROM site_regions sr JOIN sites s ON s.id = sr.site_id WHERE ${SITE_OPEN_ON})
    SELECT c.code, c.name, c.kind, c.parent_code AS parent, served.code IS NOT NULL AS covered
    FROM regions c LEFT JOIN served ON served.code = c.code
    WHERE c.level = 'community' AND coalesce(c.kind, '') <> '其他' ORDER BY c.code`)
    .all({ d: asOf }) as Array<{ code: string; name: string; kind: string | null; parent: string; covered: number }>

  const perStreet = new Map<string, { communities: number; covered: number }>()
  const uncovered: UncoveredCommunity[] = []
  for (const r of rows) {
    const st = streetByCode.get(r.parent)
    if (!st) continue
    const acc = perStreet.get(st.code) ?? { communities: 0, covered: 0 }
    acc.communities++
    if (r.covered) acc.covered++
    else uncovered.push({ code: r.code, name: r.name, kind: r.kind, streetCode: st.code, streetName: st.name, districtName: districtName.get(st.parent!) ?? '' })
    perStreet.set(st.code, acc)
  }
  const streetUnits = streets.map((s) => {
    const a = perStreet.get(s.code) ?? { communities: 0, covered: 0 }
    return { code: s.code, name: s.name, districtCode: s.parent!, ...a, rate: rate(a.covered, a.communities) }
  })
  const districtUnits = districts.map((d) => {
    const mine = streetUnits.filter((s) => s.districtCode === d.code)
    const communities = mine.reduce((n, s) => n + s.communities, 0)
    const covered = mine.reduce((n, s) => n + s.covered, 0)
    return { code: d.code, name: d.name, communities, covered, rate: rate(covered, communities) }
  })
  const communities = districtUnits.reduce((n, d) => n + d.communities, 0)
  const covered = districtUnits.reduce((n, d) => n + d.covered, 0)
  const total = { code: '', name: districts.length === 1 ? districts[0].name : '', communities, covered, rate: rate(covered, communities) }
  return { asOf, districts: districtUnits, streets: streetUnits, total, uncovered }
}

/** District coverage at the end of each of the last `months` months (and today), for the trend chart. */
export function coverageTrend(ctx: ServiceContext, months = 12, districtCode?: string): Array<{ date: string; rate: number; covered: number; communities: number }> {
  const today = ctx.today()
  const dates: string[] = []
  const [y, m] = today.split('-').map(Number)
  for (let k = months; k >= 1; k--) {
    // the last day of month (m - k): day 0 of the month after it
    const d = new Date(Date.UTC(y, m - k, 0))
    dates.push(d.toISOString().slice(0, 10))
  }
  dates.push(today)
  return dates.map((date) => {
    const c = coverage(ctx, { asOf: date, districtCode }).total
    return { date, rate: c.rate, covered: c.covered, communities: c.communities }
  })
}
