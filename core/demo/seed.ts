/**
 * The Songjiang demo: the district depot, a depot per street/town, points in most (not all) communities so that
 * coverage is visibly below the plan's 1 point per village, and stock in lots of which some are near or past expiry.
 * Everything goes through the same services as a user's postings, so the demo has a real ledger and event log.
 * A fixed seed makes every fresh installation show the same demo.
 */
import { asc, eq } from 'drizzle-orm'
import { items, regions } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { createSite } from '../network/sites'
import { postReceipt } from '../stock/ledger'
import { saveTarget, setPopulations } from '../catalogue/catalogue'
import { addDays } from '../common/dates'
import { newId } from '../common/ids'
import { seedDemoReadiness } from '../readiness/demo'

function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '张王李赵陈刘杨黄吴周徐孙朱马胡郭林何高罗'
const GIVEN = ['建国', '伟', '芳', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '平', '刚', '桂英']
/** What a village/community point typically keeps, by item name. */
const COMMUNITY_KIT = ['应急灯', '手电筒', '雨衣', '雨靴', '饮用水', '方便食品', '急救包', '编织袋', '救生衣', '棉被', '折叠床']

export function seedDemo(ctx: ServiceContext): { sites: number; documents: number } {
  const rand = prng(20210101)
  const pick = <T>(arr: T[]) => arr[Math.floor(rand() * arr.length)]
  const person = () => pick([...SURNAMES]) + pick(GIVEN)
  const phone = () => `1${pick(['35', '37', '38', '39', '58', '86'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`
  const today = ctx.today()
  const db = ctx.db
  const district = db.select().from(regions).where(eq(regions.level, 'district')).get()
  if (!district) throw new Error('load the district before the demo')
  const streets = db.select().from(regions).where(eq(regions.level, 'street')).orderBy(asc(regions.code)).all()
  const communities = db.select().from(regions).where(eq(regions.level, 'community')).orderBy(asc(regions.code)).all()
  const catalogue = db.select().from(items).orderBy(asc(items.code)).all()

  const sites: Array<{ id: string; tier: 'district' | 'street' | 'community' }> = []
  const districtSiteId = 'D-310117-01'
  createSite(ctx, {
    id: districtSiteId, code: 'QJ-001', name: '松江区救灾物资储备库', tier: 'district', regionCode: district.code,
    keeper: person(), phone: phone(), capacity: '3000平方米', address: '松江区荣乐东路', openedOn: '2019-06-01',
  })
  sites.push({ id: districtSiteId, tier: 'district' })
  for (const st of streets) {
    const id = `S-${st.code}`
    createSite(ctx, {
      id, code: `JZ-${st.code.slice(6, 9)}`, name: `${st.name}应急物资储备库`, tier: 'street', regionCode: st.code,
      keeper: person(), phone: phone(), capacity: `${200 + Math.floor(rand() * 6) * 50}平方米`, openedOn: '2020-03-01',
    })
    sites.push({ id, tier: 'street' })
  }
  // About three in four communities have their own point; some points also serve the next community.
  communities.forEach((c, i) => {
    if (rand() >= 0.74) return
    const next = communities[i + 1]
    const serves = [c.code]
    if (next && next.parentCode === c.parentCode && rand() < 0.08) serves.push(next.code)
    const id = `C-${c.code}`
    createSite(ctx, {
      id, code: `CJ-${c.code.slice(6)}`, name: `${c.name.replace(/(居民|社区)?(居委会|村委会)$/, '')}应急物资储备点`,
      tier: 'community', regionCode: c.code, keeper: person(), phone: phone(), openedOn: '2021-05-01', serves,
      ownership: rand() < 0.15 ? 'co' : 'self',
    })
    sites.push({ id, tier: 'community' })
  })

  const kit = catalogue.filter((it) => COMMUNITY_KIT.some((k) => it.name.includes(k)))
  let documents = 0
  for (const site of sites) {
    const chosen = site.tier === 'district' ? catalogue
      : site.tier === 'street' ? catalogue.filter(() => rand() < 0.45)
        : kit.filter(() => rand() < 0.5)
    const lines = chosen.flatMap((it) => {
      const lotCount = site.tier === 'district' ? 2 : site.tier === 'street' ? 1 + Math.floor(rand() * 2) : 1
      return Array.from({ length: lotCount }, (_, k) => {
        const scale = site.tier === 'district' ? 200 : site.tier === 'street' ? 40 : 8
        const quantity = Math.max(1, Math.round(scale * (0.3 + rand())))
        const life = it.shelfLifeDays
        // Produced at a random point of its life, a little past it sometimes, so some lots are expired or 临期.
        const producedDaysAgo = life ? Math.floor(rand() * life * 1.08) : Math.floor(rand() * 900)
        const productionDate = addDays(today, -producedDaysAgo)
        return {
          itemId: it.id,
          lotNo: `${productionDate.replaceAll('-', '').slice(2)}${String.fromCharCode(65 + k)}${Math.floor(rand() * 90 + 10)}`,
          productionDate,
          expiryDate: life ? addDays(productionDate, life) : undefined,
          supplier: pick(['上海联华超市', '松江物资供应站', '上海应急装备有限公司', '光明食品集团', '上海红十字会捐赠']),
          unitCost: it.unitPrice ?? undefined,
          quantity,
        }
      })
    })
    if (!lines.length) continue
    postReceipt(ctx, {
      id: newId(), siteId: site.id, docDate: addDays(today, -Math.floor(rand() * 60) - 1), subtype: '采购入库',
      handledBy: person(), reason: '2025年度储备物资采购', lines,
    })
    documents++
  }
  seedDemoTargets(ctx, catalogue.map((it) => it.id))
  seedDemoReadiness(ctx, new Set(catalogue.map((it) => it.id)))
  return { sites: sites.length, documents }
}

/** What the kit of a community point should be, for the demo's targets: item code → [mode, quantity, minimum]. */
const COMMUNITY_TARGETS: Record<string, ['fixed' | 'per1000', number, number | null]> = {
  'ZM-001': ['fixed', 4, 2], 'ZM-002': ['fixed', 6, 3], 'FX-003': ['fixed', 8, 4], 'FX-004': ['fixed', 8, null],
  'SP-001': ['per1000', 2, 2], 'SP-002': ['per1000', 1, null], 'YL-001': ['fixed', 4, 2], 'FX-001': ['fixed', 8, null],
  'JS-001': ['fixed', 5, null], 'SH-003': ['per1000', 2, null], 'SH-006': ['fixed', 4, null],
}

/**
 * Demo populations (deterministic from the code, 1 500–6 000 residents a community) and targets for the current plan
 * year, so the compliance pages have something to measure. Not drawn from the random stream above, so the demo's
 * network and stock stay exactly what they were.
 */
function seedDemoTargets(ctx: ServiceContext, itemIds: string[]): void {
  const communities = ctx.db.select({ code: regions.code }).from(regions).where(eq(regions.level, 'community')).all()
  const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
  setPopulations(ctx, communities.map((c) => ({ code: c.code, population: 1500 + (hash(c.code) % 4501) })))
  const planYear = Number(ctx.today().slice(0, 4))
  for (const [itemId, [mode, quantity, minimum]] of Object.entries(COMMUNITY_TARGETS)) {
    if (itemIds.includes(itemId)) saveTarget(ctx, { planYear, tier: 'community', itemId, mode, quantity, minimum, required: itemId !== 'SH-006' })
  }
  itemIds.forEach((itemId, i) => {
    if (i % 3 === 0) saveTarget(ctx, { planYear, tier: 'street', itemId, mode: 'fixed', quantity: 30, minimum: 10, required: true })
    saveTarget(ctx, { planYear, tier: 'district', itemId, mode: 'fixed', quantity: 200, minimum: 50, required: i % 5 !== 4 })
  })
}
