/** Stock's handlers, one per method of ./methods.ts. */
import type { HandlersFor } from '../api/handler-types'
import { guardStreetScrap, decideWriteOff, listWriteOffRequests, requestWriteOff, writeOffReport } from './writeoff-approval'
import { postReceipt, postIssue, reverseDocument, listBalances, fefo, getDocument, listDocuments, checkLedger, rebuildBalances, postReturn, postTransfer, postWriteOff } from './ledger'
import { cancelStocktake, getStocktake, listStocktakes, openStocktake, openStocktakeAt, postStocktake, saveCounts } from './stocktake'
import { stockCard } from './stockcard'
import { postImport, previewImport } from './import'
import { alertSummary, getThresholds, listAlerts, setThresholds } from './alerts'
import { AppError } from '../common/errors'
import type { stockMethods } from './methods'

export const stockHandlers = {
  'stock.balances': (ctx, i) => listBalances(ctx, i),
  'stock.fefo': (ctx, i) => fefo(ctx.db, ctx.today(), i.siteId, i.itemId, i.quantity),
  'stock.receive': (ctx, i) => postReceipt(ctx, i),
  'stock.issue': (ctx, i) => postIssue(ctx, i),
  'stock.reverse': (ctx, i) => reverseDocument(ctx, i),
  'stock.document': (ctx, i) => getDocument(ctx, i.id),
  'stock.documents': (ctx, i) => listDocuments(ctx, i),
  'stock.checkLedger': (ctx) => checkLedger(ctx),
  'stock.rebuildBalances': (ctx) => rebuildBalances(ctx),
  'stock.transfer': (ctx, i) => postTransfer(ctx, i),
  'stock.returnIn': (ctx, i) => postReturn(ctx, i),
  'stock.writeOff': (ctx, { type, ...i }) => { guardStreetScrap(ctx, type, i.siteId); return postWriteOff(ctx, type, i) },
  'stocktake.open': (ctx, i) => openStocktake(ctx, i),
  'stocktake.get': (ctx, i) => getStocktake(ctx, i.id),
  'stocktake.list': (ctx, i) => listStocktakes(ctx, i),
  'stocktake.openAt': (ctx, i) => openStocktakeAt(ctx, i.siteId),
  'stocktake.save': (ctx, i) => saveCounts(ctx, i),
  'stocktake.post': (ctx, i) => postStocktake(ctx, i),
  'stocktake.cancel': (ctx, i) => cancelStocktake(ctx, i),
  'stock.card': (ctx, i) => stockCard(ctx, i),
  'import.preview': (ctx, i) => previewImport(ctx, i.kind, i.source, i.mapping, i.siteId),
  'import.post': (ctx, i) => postImport(ctx, i),
  'alerts.list': (ctx, i) => listAlerts(ctx, i),
  'alerts.summary': (ctx, i) => alertSummary(ctx, i),
  'alerts.thresholds': (ctx) => getThresholds(ctx),
  'alerts.setThresholds': (ctx, i) => setThresholds(ctx, i),
  'writeoff.request': (ctx, i) => requestWriteOff(ctx, i),
  'writeoff.decide': (ctx, i) => decideWriteOff(ctx, i),
  'writeoff.requests': (ctx, i) => listWriteOffRequests(ctx, i),
  'writeoff.report': (ctx, i) => {
    if (i.to < i.from) throw new AppError('VALIDATION', { where: '统计期间', whereEn: 'period', detail: '截止日期早于起始日期', detailEn: 'the end is before the start' }, { field: 'to' })
    return writeOffReport(ctx, i)
  },
} satisfies HandlersFor<typeof stockMethods>
