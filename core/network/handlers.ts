import type { HandlersFor } from '../api/handler-types'
import type { networkMethods } from './methods'
import { networkTree, listSites, siteDetail, openSite, updateSite, closeSite, reopenSite } from './sites'
import { coverage, coverageTrend } from './coverage'
import { currentDistrict, importDistrict, listDistricts } from './divisions'
import { findResourcesDir } from '../../db/seed/reference'

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
  'network.districts': (_ctx, i) => listDistricts(findResourcesDir(), i.prefix),
  'network.importDistrict': (ctx, i) => importDistrict(ctx, findResourcesDir(), i.areaCode, i.makeCurrent),
  // the network pages show the current district; the service itself can measure all of them at once
  'coverage.summary': (ctx, i) => coverage(ctx, { ...i, districtCode: i.districtCode ?? currentDistrict(ctx) }),
  'coverage.trend': (ctx, i) => coverageTrend(ctx, i.months, currentDistrict(ctx)),
} satisfies HandlersFor<typeof networkMethods>
