/** The planners' dashboard in one answer: coverage, compliance, the value of stock expiring, agreements lapsing. */
import type { ServiceContext } from '../common/context'
import { coverage } from '../network/coverage'
import { compliance } from './compliance'
import { listAgreements } from '../agreements/agreements'
import { currentDistrict } from '../network/divisions'
import { scopeCondition } from '../people/scope'

export function plannerOverview(ctx: ServiceContext) {
  const today = ctx.today()
  const cov = coverage(ctx, { districtCode: currentDistrict(ctx) }).total
  const comp = compliance(ctx).district
  // value of stock on hand by days to expiry: lot cost where known, else the catalogue price. From the lots' side
  // (CROSS JOIN): only the lots expiring within 180 days look up their balances (stock_balances_item_lot)
  // the stock part is limited to the caller's sites, as the stock grid is
  const scoped = scopeCondition(ctx, 'b.site_id')
  let n = 0
  const scopeClause = scoped ? `AND ${scoped.clause.replace(/\?/g, () => `@s${n++}`)}` : ''
  const expiring = ctx.db.$client.prepare(`SELECT
      CASE WHEN l.expiry_date < @d THEN 'expired'
           WHEN julianday(l.expiry_date) - julianday(@d) <= 30 THEN 'd30'
           WHEN julianday(l.expiry_date) - julianday(@d) <= 90 THEN 'd90'
           ELSE 'd180' END AS bucket,
      SUM(b.quantity * coalesce(l.unit_cost, i.unit_price, 0)) AS value, SUM(b.quantity) AS quantity
    FROM lots l CROSS JOIN stock_balances b ON b.item_id = l.item_id AND b.lot_id = l.id JOIN items i ON i.id = b.item_id
    WHERE b.quantity > 0 AND l.expiry_date IS NOT NULL AND julianday(l.expiry_date) - julianday(@d) <= 180
      ${scopeClause}
    GROUP BY bucket`).all({ d: today, ...Object.fromEntries((scoped?.args ?? []).map((a, i) => [`s${i}`, a])) }) as Array<{ bucket: string; value: number; quantity: number }>
  const bucket = (k: string) => {
    const r = expiring.find((e) => e.bucket === k)
    return { value: Math.round((r?.value ?? 0) * 100) / 100, quantity: r?.quantity ?? 0 }
  }
  const states: Record<string, number> = {}
  for (const a of listAgreements(ctx)) states[a.state] = (states[a.state] ?? 0) + 1
  return {
    coverage: cov,
    compliance: comp,
    expiring: { expired: bucket('expired'), d30: bucket('d30'), d90: bucket('d90'), d180: bucket('d180') },
    agreements: states,
  }
}
