/** Stock's events as they travel: how each is applied on arrival and whose sites it writes for at the hub. */
import { registerApplier } from '../sync/registry'
import { registerHubRules, type TargetOf } from '../sync/hub-rights'
import { applyPostedDocument, type PostedDocumentPayload } from './ledger'
import { applyPostedFast } from './fast-ledger'
import { stocktakeAppliers, stocktakeSite } from './stocktake-appliers'

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

registerHubRules({
  'stock.document.posted': (p) => [{ siteId: p.siteId }],
  'stocktake.opened': (p) => [{ siteId: p.siteId }],
  'stocktake.counted': stocktakeKnown,
  'stocktake.posted': stocktakeKnown,
  'stocktake.cancelled': stocktakeKnown,
}, { describesRecord: ['stocktake.opened'] })
