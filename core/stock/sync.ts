/** Stock's events as they travel: how each is applied on arrival and whose sites it writes for at the hub. */
import { registerApplier } from '../sync/registry'
import { DISTRICT, registerHubRules, type TargetOf } from '../sync/hub-rights'
import { applyPostedDocument, type PostedDocumentPayload } from './ledger'
import { applyPostedFast } from './fast-ledger'
import { stocktakeAppliers, stocktakeSite } from './stocktake-appliers'
import { applyWriteOffDecided, applyWriteOffRequested, writeOffRequestSite } from './writeoff-approval'
import { sites } from '../../db/schema'
import { eq } from 'drizzle-orm'

registerApplier('stock.document.posted', {
  version: 1,
  kind: 'ledger',
  apply(tx, e) {
    const p = e.payload as PostedDocumentPayload
    // two offices may each issue the last units of a lot while offline: both issues are facts and both are kept;
    // a balance left below zero is listed for reconciliation (negativeBalances in system/sync-status.ts)
    applyPostedDocument(tx, p, e.id, e.author)
  },
  applyRaw: applyPostedFast,
})
for (const [type, a] of Object.entries(stocktakeAppliers)) registerApplier(type, a)

const stocktakeKnown: TargetOf = (p, { db, record }) => [{ siteId: stocktakeSite(db, p.id) ?? (record(p.id)?.siteId as string | undefined) ?? '' }]

// 报废审批 (writeoff-approval.ts): a street depot's keeper requests; only the district decides, and only a district
// device may send a 报废 document for a street depot (the approval posts it there).
registerApplier('writeoff.requested', { version: 1, kind: 'transition', apply: (tx, e) => applyWriteOffRequested(tx, e) })
registerApplier('writeoff.decided', { version: 1, kind: 'lww', apply: (tx, e) => applyWriteOffDecided(tx, e) })
const streetScrap = (db: Parameters<TargetOf>[1]['db'], p: { type?: string; siteId: string }): boolean =>
  p.type === 'scrap' && db.select({ tier: sites.tier }).from(sites).where(eq(sites.id, p.siteId)).get()?.tier === 'street'

registerHubRules({
  'writeoff.requested': (p) => [{ siteId: p.siteId }],
  'writeoff.decided': () => [DISTRICT],
}, { describesRecord: ['writeoff.requested'] })

registerHubRules({
  'stock.document.posted': (p, { db }) => (streetScrap(db, p) ? [DISTRICT] : [{ siteId: p.siteId }]),
  'stocktake.opened': (p) => [{ siteId: p.siteId }],
  'stocktake.counted': stocktakeKnown,
  'stocktake.posted': stocktakeKnown,
  'stocktake.cancelled': stocktakeKnown,
}, { describesRecord: ['stocktake.opened'] })
