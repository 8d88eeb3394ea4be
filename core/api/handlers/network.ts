import type { HandlersFor } from './types'
import type { networkMethods } from '../methods/network'
import { networkTree, listSites, siteDetail, openSite, updateSite, closeSite, reopenSite } from '../../services/network'
import { coverage, coverageTrend } from '../../services/coverage'

export const networkHandlers = {
  'network.tree': (ctx) => networkTree(ctx),
  'network.sites': (ctx) => listSites(ctx),
  'network.site': (ctx, i) => siteDetail(ctx, i.id),
  'network.openSite': (ctx, i) => openSite(ctx, i),
  'network.updateSite': (ctx, { id, ...changes }) => {
    // undefined = not sent = unchanged; null = cleared
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))
    updateSite(ctx, id, given)
    return siteDetail(ctx, id)
  },
  'network.closeSite': (ctx, i) => { closeSite(ctx, i.id, i.closedOn, i.reason); return siteDetail(ctx, i.id) },
  'network.reopenSite': (ctx, i) => { reopenSite(ctx, i.id, i.openedOn); return siteDetail(ctx, i.id) },
  'coverage.summary': (ctx, i) => coverage(ctx, i),
  'coverage.trend': (ctx, i) => coverageTrend(ctx, i.months),
} satisfies HandlersFor<typeof networkMethods>
