/**
 * 年度需求和购置计划: for a plan year, per tier × item, what must be bought.
 *
 * For every open site and targeted item: gap = max(0, target − stock still valid at the end of the plan year −
 * agreement quantities still valid then × the counting rule), rounded up; a surplus at one site never fills another's
 * gap. Rotation due = stock on hand at those sites that expires by the end of the plan year (or already has) — it is
 * part of the gap, shown so the planner sees why. Budget = quantity × that plan year's price (its catalogue version,
 * catalogue/versions.ts), or the item's own price where the year sets none; an item left out of that year's
 * catalogue is not planned. The planner's draft overrides the suggested quantity (and price) per line and is kept
 * until changed.
 */
import { and, eq } from 'drizzle-orm'
import { fieldClocks, items, procurementPlanLines } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent, lwwBases } from '../sync/lww'
import { applyDeletableRecord, type RecordEvent } from '../sync/records'
import { compliance } from './compliance'
import { SITE_OPEN_ON } from '../network/coverage'
import { yearPrices } from './versions'
import { checkNationalCode, TOP_CLASSES } from './national-code'

export interface PlanLine {
  tier: 'district' | 'street' | 'community'; itemId: string; code: string; name: string; category: string; unit: string
  sites: number; target: number; stock: number; agreement: number; rotation: number; gap: number
  quantity: number; unitPrice: number; budget: number; edited: boolean; note: string | null
  /** the planner's own price for this line, when they set one; otherwise the line follows the year's price */
  draftPrice: number | null
  /** the item's GB/T 38565 class (national-code.ts) and its 大类; null when it has none (or one that is not a class code) */
  nationalCode: string | null; topClass: string | null
}
/** The plan's lines per GB/T 38565 大类 (issue 18); `code: null` = items not classified yet. */
export interface PlanClass { code: string | null; name: string | null; lines: number; quantity: number; budget: number }
export interface Plan { planYear: number; yearEnd: string; weight: number; lines: PlanLine[]; total: number; suggestedTotal: number; classes: PlanClass[] }

const TIER_ORDER = { district: 0, street: 1, community: 2 } as const

export function annualPlan(ctx: ServiceContext, planYear: number): Plan {
  const yearEnd = `${planYear}-12-31`
  const asOf = ctx.today()
  const acc = new Map<string, Omit<PlanLine, 'quantity' | 'unitPrice' | 'budget' | 'edited' | 'note' | 'draftPrice' | 'nationalCode' | 'topClass'>>()
  const sitesOf = new Map<string, Set<string>>()
  const c = compliance(ctx, {
    asOf, planYear, validThrough: yearEnd,
    onLine: (site, l) => {
      if (l.target == null) return
      const key = `${site.tier}|${l.itemId}`
      const a = acc.get(key) ?? {
        tier: site.tier as PlanLine['tier'], itemId: l.itemId, code: l.code, name: l.name, category: l.category, unit: l.unit,
        sites: 0, target: 0, stock: 0, agreement: 0, rotation: 0, gap: 0,
      }
      a.sites++
      a.target += l.target
      a.stock += l.physical
      a.agreement += l.agreement
      a.gap += Math.max(0, Math.ceil(l.target - l.counted))
      acc.set(key, a)
      ;(sitesOf.get(key) ?? sitesOf.set(key, new Set()).get(key)!).add(site.id)
    },
  })
  // stock that will have expired by the year's end, at open sites, per tier × item: from the lots' side (few lots
  // expire within a year next to all balances), as compliance subtracts them
  const rotation = ctx.db.$client.prepare(`SELECT s.id AS site, s.tier, b.item_id AS itemId, SUM(b.quantity) AS q
    FROM lots l CROSS JOIN stock_balances b ON b.item_id = l.item_id AND b.lot_id = l.id JOIN sites s ON s.id = b.site_id
    WHERE b.quantity > 0 AND l.expiry_date IS NOT NULL AND l.expiry_date < @end AND ${SITE_OPEN_ON}
    GROUP BY s.id, s.tier, b.item_id`).all({ end: yearEnd, d: asOf }) as Array<{ site: string; tier: string; itemId: string; q: number }>
  for (const r of rotation) {
    const key = `${r.tier}|${r.itemId}`
    const a = acc.get(key)
    if (a && sitesOf.get(key)?.has(r.site)) a.rotation += r.q
  }
  // each year at its own catalogue version's price, else the item's own; items left out of that year's catalogue drop out
  const { price: prices, excluded } = yearPrices(ctx.db, planYear)
  const drafts = new Map(ctx.db.select().from(procurementPlanLines).where(eq(procurementPlanLines.planYear, planYear)).all()
    .map((d) => [`${d.tier}|${d.itemId}`, d]))
  const codes = new Map(ctx.db.select({ id: items.id, nationalCode: items.nationalCode }).from(items).all().map((i) => {
    const c = i.nationalCode ? checkNationalCode(i.nationalCode) : null
    return [i.id, c?.ok ? c.code : null]
  }))
  const lines: PlanLine[] = [...acc.entries()].map(([key, a]) => {
    const d = drafts.get(key)
    const unitPrice = d?.unitPrice ?? prices.get(a.itemId) ?? 0
    const quantity = d ? d.quantity : a.gap
    const nationalCode = codes.get(a.itemId) ?? null
    return {
      ...a, quantity, unitPrice, budget: Math.round(quantity * unitPrice * 100) / 100, edited: !!d, note: d?.note ?? null, draftPrice: d?.unitPrice ?? null,
      nationalCode, topClass: nationalCode ? nationalCode[0] : null,
    }
  }).filter((l) => !excluded.has(l.itemId) && (l.gap > 0 || l.edited || l.rotation > 0))
    .sort((x, y) => TIER_ORDER[x.tier] - TIER_ORDER[y.tier] || (x.code < y.code ? -1 : 1))
  const total = Math.round(lines.reduce((n, l) => n + l.budget, 0) * 100) / 100
  const suggestedTotal = Math.round(lines.reduce((n, l) => n + l.gap * (prices.get(l.itemId) ?? 0), 0) * 100) / 100
  return { planYear, yearEnd, weight: c.weight, lines, total, suggestedTotal, classes: byClass(lines, ctx.lang) }
}

/** The three 大类 in order (each even when empty, so a report always shows them), then the unclassified. */
function byClass(lines: PlanLine[], lang: 'zh' | 'en'): PlanClass[] {
  const out: PlanClass[] = [...TOP_CLASSES.map((t) => ({ code: t.code, name: lang === 'zh' ? t.zh : t.en })), { code: null, name: null }]
    .map((c) => ({ ...c, lines: 0, quantity: 0, budget: 0 }))
  for (const l of lines) {
    const c = out.find((x) => x.code === l.topClass)!
    c.lines++
    c.quantity += l.quantity
    c.budget = Math.round((c.budget + l.budget) * 100) / 100
  }
  return out.filter((c) => c.code !== null || c.lines > 0)
}

/** The planner's own quantity/price for one line; `null` quantity returns the line to the suggestion. */
export function editPlanLine(ctx: ServiceContext, e: {
  planYear: number; tier: PlanLine['tier']; itemId: string; quantity: number | null; unitPrice?: number | null; note?: string | null
}): void {
  const entityId = `${e.planYear}|${e.tier}|${e.itemId}`
  ctx.db.transaction((tx) => {
    const payload: PlanLineEditedPayload = { ...e, bases: lwwBases(tx, PLAN_LINE_ENTITY, entityId, [...PLAN_LINE_FIELDS, 'deleted']) }
    const id = appendEvent(tx, ctx, { type: 'plan.lineEdited', entityId, payload })
    applyPlanLineEdited(tx, { id, hlc: hlcOfEvent(tx, id), payload })
  })
}

export const PLAN_LINE_ENTITY = 'plan_line'
const PLAN_LINE_FIELDS = ['quantity', 'unitPrice', 'note'] as const
export interface PlanLineEditedPayload {
  planYear: number; tier: PlanLine['tier']; itemId: string; quantity: number | null; unitPrice?: number | null; note?: string | null
  bases?: Record<string, string | null>
}

/**
 * `plan.lineEdited`, local and received: a draft line is a deletable record (sync/records.ts) — each edit states
 * quantity, price and note; `quantity: null` (back to the suggestion) removes the line. The later edit holds; a
 * concurrent one is listed in conflicts. `updatedAt` is the winning edit's clock, never this machine's time.
 */
export function applyPlanLineEdited(tx: DbOrTx, e: RecordEvent & { payload: unknown }): void {
  const p = e.payload as PlanLineEditedPayload
  const where = and(eq(procurementPlanLines.planYear, p.planYear), eq(procurementPlanLines.tier, p.tier), eq(procurementPlanLines.itemId, p.itemId))
  const row = p.quantity === null ? null : { quantity: p.quantity, unitPrice: p.unitPrice ?? null, note: p.note ?? null }
  applyDeletableRecord(tx, procurementPlanLines, where, { planYear: p.planYear, tier: p.tier, itemId: p.itemId }, e, {
    entity: PLAN_LINE_ENTITY, entityId: `${p.planYear}|${p.tier}|${p.itemId}`, row, bases: p.bases,
  })
  if (row) tx.update(procurementPlanLines).set({ updatedAt: hlcOfLine(tx, `${p.planYear}|${p.tier}|${p.itemId}`) }).where(where).run()
}

const hlcOfLine = (tx: DbOrTx, entityId: string): string | null =>
  tx.select({ hlc: fieldClocks.hlc }).from(fieldClocks)
    .where(and(eq(fieldClocks.entity, PLAN_LINE_ENTITY), eq(fieldClocks.entityId, entityId), eq(fieldClocks.field, 'quantity'))).get()?.hlc ?? null
