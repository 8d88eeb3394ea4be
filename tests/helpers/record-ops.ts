/**
 * Planning and network records for the convergence property test (tests/unit/sync.convergence.property.test.ts):
 * planners in several offices edit the same items, targets, populations, the counting weight, partners,
 * agreements, plan lines and sites while offline. Ids are shared between offices where that makes the edits
 * concurrent (targets `tg-0`…`tg-3`, the same items and sites), so the per-field LWW and tombstones are exercised.
 *
 * Sites are edited but not closed here: the property test's stock operations post to every site and would be
 * refused at a closed one, and a faulty delivery (holes) can apply an office's close without its reopen. Closing
 * and reopening concurrently is covered in tests/unit/sync.records.test.ts.
 */
import fc from 'fast-check'
import type { Core } from '../../core/app'
import { copyTargets, deleteTarget, saveItem, saveTarget, setAgreementWeight, setPopulations } from '../../core/catalogue/catalogue'
import { listPartners, saveAgreement, savePartner } from '../../core/agreements/agreements'
import { editPlanLine } from '../../core/catalogue/plan'
import { updateSite } from '../../core/network/sites'

export const RECORD_STEPS = ['item', 'target', 'deleteTarget', 'copyTargets', 'population', 'weight', 'partner', 'agreement', 'plan', 'siteEdit'] as const
export type RecordOp = { k: 'record'; r: number; step: (typeof RECORD_STEPS)[number]; pick: number; n: number }

export const recordOp: fc.Arbitrary<RecordOp> = fc.record({
  k: fc.constant('record' as const), r: fc.nat(5), step: fc.constantFrom(...RECORD_STEPS), pick: fc.nat(20), n: fc.nat(9),
})

const COMMUNITIES = ['310117001001', '310117001002', '310117001003']
/** refusals a planner would see and that change nothing */
const EXPECTED = new Set(['NOT_FOUND', 'TARGET_DUPLICATE', 'TARGET_YEAR_EXISTS'])

export function recordStep(core: Core, o: RecordOp, items: string[], sites: string[]): void {
  const ctx = core.context()
  const c = core.db.$client
  const itemId = items[o.pick % items.length]
  try {
    switch (o.step) {
      case 'item': {
        const it = c.prepare('SELECT * FROM items WHERE id = ?').get(itemId) as Record<string, any>
        saveItem(ctx, {
          id: itemId, code: it.code, category: it.category, unit: it.unit, returnable: !!it.returnable, lotTracked: !!it.lot_tracked,
          nationalCode: it.national_code, shelfLifeDays: it.shelf_life_days, active: true,
          name: o.n % 2 ? `${it.code} 改${o.n}` : it.name, spec: o.n % 3 ? it.spec : `规格${o.n}`, unitPrice: o.n % 2 ? it.unit_price : o.n * 100,
        })
        break
      }
      case 'target':
        saveTarget(ctx, { id: `tg-${o.pick % 4}`, planYear: 2031, tier: 'community', itemId, mode: 'fixed', quantity: o.n + 1, minimum: o.n % 3 ? null : 1, required: o.n % 2 === 0 })
        break
      case 'deleteTarget': deleteTarget(ctx, `tg-${o.pick % 4}`); break
      case 'copyTargets': copyTargets(ctx, 2031, 2032); break
      case 'population': setPopulations(ctx, [{ code: COMMUNITIES[o.pick % COMMUNITIES.length], population: o.n % 4 ? o.n * 1000 : null }]); break
      case 'weight': setAgreementWeight(ctx, ([1, 0.5, 0] as const)[o.n % 3]); break
      case 'partner': {
        const ps = listPartners(ctx)
        const id = ps.length && o.n % 3 ? ps[o.pick % ps.length].id : undefined
        savePartner(ctx, { id, name: `企业${o.pick % 5}`, contact: `联系人${o.n}`, phone: o.n % 2 ? null : `021-5700000${o.n}` })
        break
      }
      case 'agreement': {
        const ps = listPartners(ctx)
        if (!ps.length) return
        const ags = c.prepare('SELECT id FROM agreements ORDER BY id').pluck().all() as string[]
        const id = ags.length && o.n % 3 ? ags[o.pick % ags.length] : undefined
        saveAgreement(ctx, {
          id, partnerId: ps[o.pick % ps.length].id, agreementNo: `XY-${o.pick}`, kind: 'materials', validFrom: '2026-01-01', validTo: `202${6 + (o.n % 3)}-12-31`,
          status: o.n % 4 ? 'active' : 'ended', lines: [{ itemId, quantity: o.n + 1 }, ...(o.n % 2 ? [{ itemId: items[(o.pick + 1) % items.length], quantity: 5 }] : [])],
        })
        break
      }
      case 'plan':
        editPlanLine(ctx, { planYear: 2031, tier: 'community', itemId, quantity: o.n % 4 ? o.n : null, unitPrice: o.n % 2 ? null : o.n * 100, note: o.n % 3 ? null : `备注${o.n}` })
        break
      case 'siteEdit':
        // the property test's community sites stand in a street's region; an edit names a community, as the form requires
        updateSite(ctx, sites[o.pick % sites.length], {
          regionCode: COMMUNITIES[o.n % COMMUNITIES.length], keeper: `保管员${o.n}`, ...(o.n % 2 ? { serves: COMMUNITIES.slice(0, 1 + (o.n % 3)) } : {}),
        })
        break
    }
  } catch (e) {
    if (!EXPECTED.has((e as { code?: string }).code ?? '')) throw e
  }
}
