/**
 * alerts.summary counts in SQL and keeps the answer until the data changes; these properties hold it to the old
 * way (build every alert with listAlerts and count them) on random lots, windows, filters and postings.
 */
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { memoryCore, unwrap } from '../../helpers/core'
import { addDays } from '../../../core/common/dates'
import { ALERT_KINDS, alertSummary, countAlerts, listAlerts, setThresholds, type AlertQuery } from '../../../core/stock/alerts'
import type { Core } from '../../../core/app'

const TODAY = '2026-06-01'
const byListing = (core: Core, q: AlertQuery) => {
  const counts: Record<string, number> = Object.fromEntries(ALERT_KINDS.map((k) => [k, 0]))
  for (const a of listAlerts(core.context(), q)) counts[a.kind]++
  return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) } as Record<string, number>
}

const lineArb = fc.record({
  item: fc.nat(40),
  site: fc.constantFrom('S-A', 'S-B'),
  expiry: fc.option(fc.integer({ min: -400, max: 900 }), { nil: undefined }),
  madeBefore: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
  quantity: fc.integer({ min: 1, max: 9 }),
  issueAll: fc.boolean(),
})

describe('alerts.summary equals counting the alerts', () => {
  it('on random lots, category windows and filters', () => {
    fc.assert(fc.property(
      fc.array(lineArb, { minLength: 1, maxLength: 40 }),
      fc.option(fc.record({ near: fc.integer({ min: 1, max: 60 }), extra: fc.integer({ min: 0, max: 200 }) }), { nil: undefined }),
      fc.constantFrom<AlertQuery>({}, { siteId: 'S-A' }, { streetCode: '310117001000' }, { category: 'X' }),
      (lines, window, filter) => {
        const core = memoryCore(['S-A', 'S-B'], TODAY)
        try {
          const items = core.db.$client.prepare('SELECT id, category, shelf_life_days AS life FROM items ORDER BY id').all() as Array<{ id: string; category: string; life: number | null }>
          if (window) setThresholds(core.context(), { default: { near: 30, far: 90 }, categories: { [items[0].category]: { near: window.near, far: window.near + window.extra } } })
          const q = filter.category ? { category: items[0].category } : filter
          lines.forEach((l, k) => {
            const item = items[l.item % items.length]
            const expiryDate = l.expiry === undefined ? undefined : addDays(TODAY, l.expiry)
            const productionDate = l.madeBefore === undefined ? undefined
              : addDays(expiryDate ?? TODAY, -l.madeBefore)
            unwrap(core.call('stock.receive', { id: `rcv-${String(k).padStart(6, '0')}`, siteId: l.site, docDate: '2026-01-05', acceptExpired: true, lines: [{ itemId: item.id, lotNo: `L${k}`, expiryDate, productionDate, quantity: l.quantity }] }))
            if (l.issueAll) {
              const lotId = core.db.$client.prepare('SELECT id FROM lots WHERE lot_no = ? AND item_id = ?').pluck().get(`L${k}`, item.id) as string
              unwrap(core.call('stock.issue', { id: `iss-${String(k).padStart(6, '0')}`, siteId: l.site, docDate: TODAY, lines: [{ itemId: item.id, lotId, quantity: l.quantity }] }))
            }
          })
          // minimums for the first items, so some site × item falls below them
          items.slice(0, 6).forEach((it, j) => core.db.$client.prepare(`INSERT INTO tier_targets (id, plan_year, tier, item_id, mode, quantity, minimum, required)
            VALUES (?, 2026, 'street', ?, 'fixed', ?, ?, 1)`).run(`T${j}`, it.id, 20, 3 + j * 3))
          // the usable stock of each belowMinimum alert is what the old query summed over every balance
          const old = core.db.$client.prepare(`SELECT coalesce((SELECT sum(max(b.quantity, 0)) FROM stock_balances b JOIN lots l ON l.id = b.lot_id
            WHERE b.site_id = ? AND b.item_id = ? AND (l.expiry_date IS NULL OR l.expiry_date >= ?)), 0)`).pluck()
          for (const a of listAlerts(core.context(), { ...q, kind: 'belowMinimum' })) {
            expect(a.quantity, `${a.siteId} ${a.itemId}`).toBe(old.get(a.siteId, a.itemId, TODAY))
          }
          const below = core.db.$client.prepare(`SELECT count(*) FROM sites s JOIN tier_targets t ON t.tier = s.tier WHERE s.status = 'active'
            ${q.siteId ? 'AND s.id = ?' : ''} AND coalesce((SELECT sum(max(b.quantity, 0)) FROM stock_balances b JOIN lots l ON l.id = b.lot_id
            WHERE b.site_id = s.id AND b.item_id = t.item_id AND (l.expiry_date IS NULL OR l.expiry_date >= ?)), 0) < t.minimum
            ${q.category ? 'AND t.item_id IN (SELECT id FROM items WHERE category = ?)' : ''}`).pluck()
            .get(...[q.siteId, TODAY, q.category].filter((x) => x !== undefined)) as number
          const expected = byListing(core, q)
          expect(expected.belowMinimum).toBe(below)
          expect(countAlerts(core.context(), q)).toEqual(expected)
          expect(alertSummary(core.context(), q)).toEqual(expected)
        } finally {
          core.close()
        }
      },
    ), { numRuns: 40 })
  })

  it('a kept answer is never served after the data changed', () => {
    const core = memoryCore(['S-A'], TODAY)
    try {
      const item = core.db.$client.prepare('SELECT id FROM items WHERE shelf_life_days > 0 ORDER BY id LIMIT 1').pluck().get() as string
      const first = alertSummary(core.context())
      expect(alertSummary(core.context())).toEqual(first)
      unwrap(core.call('stock.receive', { id: 'rcv-000001', siteId: 'S-A', docDate: TODAY, acceptExpired: true, lines: [{ itemId: item, lotNo: 'OLD', expiryDate: addDays(TODAY, -1), quantity: 2 }] }))
      const after = alertSummary(core.context())
      expect(after.expired).toBe(first.expired + 1)
      expect(after).toEqual(byListing(core, {}))
      // another day, another answer from the same data
      const tomorrow = { ...core.context(), today: () => addDays(TODAY, 200) }
      expect(alertSummary(tomorrow)).toEqual(countAlerts(tomorrow))
    } finally {
      core.close()
    }
  })
})
