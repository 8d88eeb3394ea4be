import type { HandlersFor } from '../api/handler-types'
import type { stockMethods } from './methods'
import {
  postReceipt, postIssue, reverseDocument, listBalances, fefo, getDocument, listDocuments, checkLedger, rebuildBalances,
} from './ledger'

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
} satisfies HandlersFor<typeof stockMethods>
