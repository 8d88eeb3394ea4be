/**
 * The catalogue's events as they travel: items, targets, populations, the district-wide settings, the annual plan
 * and the catalogue's version per plan year — per-field LWW with the loser in conflicts (../sync/lww.ts,
 * ../sync/records.ts); each service applies its own event through the same function when it writes it. All are
 * district-level records: only a district device may send them to the hub.
 */
import { registerApplier, type SyncEvent } from '../sync/registry'
import type { DbOrTx } from '../sync/events'
import { districtWide, registerHubRules } from '../sync/hub-rights'
import { applyItemEvent, applyPopulationsEvent, applySettingEvent, applyTargetEvent } from './catalogue'
import { applyPlanLineEdited } from './plan'
import { applyCatalogueVersionEvent } from './versions'
import { applyCodesImported } from './code-table'

//   item.created / item.updated: the changed fields compete.
//   target.saved / target.deleted / targets.copied, plan.lineEdited: deletable records (a tombstone field).
//   regions.population: per region and field. setting.changed: only district-wide settings.
//   catalogue.versionSaved / versionCopied: a year × item's price and place.
//   nationalCodes.imported: the GB/T 38565 class table, each class's name per field.
const appliers: Record<string, (tx: DbOrTx, e: SyncEvent) => void> = {
  'item.created': applyItemEvent,
  'item.updated': applyItemEvent,
  'target.saved': applyTargetEvent,
  'target.deleted': applyTargetEvent,
  'targets.copied': applyTargetEvent,
  'regions.population': applyPopulationsEvent,
  'setting.changed': applySettingEvent,
  'plan.lineEdited': applyPlanLineEdited,
  'catalogue.versionSaved': applyCatalogueVersionEvent,
  'catalogue.versionCopied': applyCatalogueVersionEvent,
  'nationalCodes.imported': applyCodesImported,
}
for (const [type, apply] of Object.entries(appliers)) {
  registerApplier(type, { version: 1, kind: 'lww', carriesSetting: type === 'setting.changed', apply: (tx, e) => apply(tx, e) })
}

registerHubRules(Object.fromEntries(Object.keys(appliers).map((type) => [type, districtWide])))
