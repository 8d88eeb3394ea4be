import type { HandlersFor } from '../api/handler-types'
import type { depotMethods } from './depot-methods'
import { postReturn, postTransfer, postWriteOff } from './ledger'
import {
  cancelStocktake, getStocktake, listStocktakes, openStocktake, openStocktakeAt, postStocktake, saveCounts,
} from './stocktake'
import { stockCard } from './stockcard'
import { postImport, previewImport } from './import'

export const depotHandlers = {
  'stock.transfer': (ctx, i) => postTransfer(ctx, i),
  'stock.returnIn': (ctx, i) => postReturn(ctx, i),
  'stock.writeOff': (ctx, { type, ...i }) => postWriteOff(ctx, type, i),
  'stocktake.open': (ctx, i) => openStocktake(ctx, i),
  'stocktake.get': (ctx, i) => getStocktake(ctx, i.id),
  'stocktake.list': (ctx, i) => listStocktakes(ctx, i),
  'stocktake.openAt': (ctx, i) => openStocktakeAt(ctx, i.siteId),
  'stocktake.save': (ctx, i) => saveCounts(ctx, i),
  'stocktake.post': (ctx, i) => postStocktake(ctx, i),
  'stocktake.cancel': (ctx, i) => cancelStocktake(ctx, i),
  'stock.card': (ctx, i) => stockCard(ctx, i),
  'import.preview': (ctx, i) => previewImport(ctx, i.kind, i.source, i.mapping),
  'import.post': (ctx, i) => postImport(ctx, i),
} satisfies HandlersFor<typeof depotMethods>
