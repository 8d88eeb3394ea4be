/** One handler per contract method; the mapped type makes a missing or extra handler a compile error. */
import type { ServiceContext } from '../context'
import type { Contract, MethodName, MethodParsedInput } from './contract'
import { networkTree, listSites, regionCount } from '../services/network'
import { listItems } from '../services/catalogue'
import {
  postReceipt, postIssue, reverseDocument, listBalances, fefo, getDocument, listDocuments, checkLedger, rebuildBalances,
} from '../services/stock'
import { versionVector } from '../events'
import { APP_VERSION } from '../version'

type Handlers = { [M in MethodName]: (ctx: ServiceContext, input: MethodParsedInput<M>) => unknown }

export const handlers = {
  'system.info': (ctx) => ({
    version: APP_VERSION, replicaId: ctx.replicaId, today: ctx.today(), regions: regionCount(ctx), vector: versionVector(ctx.db),
    actor: { id: ctx.actor.id, name: ctx.actor.name, roles: ctx.actor.roles },
  }),
  'network.tree': (ctx) => networkTree(ctx),
  'network.sites': (ctx) => listSites(ctx),
  'catalogue.items': (ctx) => listItems(ctx),
  'stock.balances': (ctx, i) => listBalances(ctx, i),
  'stock.fefo': (ctx, i) => fefo(ctx.db, ctx.today(), i.siteId, i.itemId, i.quantity),
  'stock.receive': (ctx, i) => postReceipt(ctx, i),
  'stock.issue': (ctx, i) => postIssue(ctx, i),
  'stock.reverse': (ctx, i) => reverseDocument(ctx, i),
  'stock.document': (ctx, i) => getDocument(ctx, i.id),
  'stock.documents': (ctx, i) => listDocuments(ctx, i),
  'stock.checkLedger': (ctx) => checkLedger(ctx),
  'stock.rebuildBalances': (ctx) => rebuildBalances(ctx),
} satisfies Handlers

/** What each method answers, for the typed client. */
export type MethodOutput<M extends MethodName> = ReturnType<(typeof handlers)[M]>
export type { Contract }
