/** The network's events as they travel: sites and imported divisions, applied on arrival, and the hub's rules. */
import { registerApplier } from '../sync/registry'
import { districtWide, registerHubRules } from '../sync/hub-rights'
import { applySiteCreated, applySiteEvent, type NewSite } from './sites'
import { applyRegionsImported } from './divisions'

registerApplier('site.created', { version: 1, kind: 'lww', apply(tx, e) { applySiteCreated(tx, e.payload as NewSite) } })
// per field of the site (status, closed_on, opened_on, serves …), the loser in conflicts (../sync/lww.ts)
for (const type of ['site.updated', 'site.closed', 'site.reopened']) registerApplier(type, { version: 1, kind: 'lww', apply: (tx, e) => applySiteEvent(tx, e) })
registerApplier('regions.imported', { version: 1, kind: 'lww', apply: (tx, e) => applyRegionsImported(tx, e) })

registerHubRules({
  'site.created': (p) => [{ regionCode: p.regionCode }],
  // A street (or site) device may edit, close and reopen its own sites (the site as the hub has it, or as created
  // in the same request). An edit that moves a site to another region, or makes it serve other communities, writes
  // for those too: a street cannot move its point into another street, nor have it serve another street's villages.
  'site.updated': (p, _look, e) => {
    const changes = (p?.changes ?? p ?? {}) as { regionCode?: unknown; serves?: unknown }
    return [
      { siteId: e.entityId },
      ...(typeof changes.regionCode === 'string' && changes.regionCode ? [{ regionCode: changes.regionCode }] : []),
      ...(Array.isArray(changes.serves) ? changes.serves.map((c) => ({ regionCode: String(c) })) : []),
    ]
  },
  'site.closed': (_p, _look, e) => [{ siteId: e.entityId }],
  'site.reopened': (_p, _look, e) => [{ siteId: e.entityId }],
  // the district's divisions: only a district device imports them
  'regions.imported': districtWide,
})
