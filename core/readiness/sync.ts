/**
 * Readiness events as they travel: the per-person norms (deletable records, per-field LWW) and the simulation's
 * parameters (one record, LWW). Both are the district planner's: only a district device sends them to the hub.
 */
import { registerApplier } from '../sync/registry'
import { districtWide, registerHubRules } from '../sync/hub-rights'
import { applyNormEvent, applyParamsEvent } from './norms'

registerApplier('readiness.normSaved', { version: 1, kind: 'lww', apply: (tx, e) => applyNormEvent(tx, e) })
registerApplier('readiness.normDeleted', { version: 1, kind: 'lww', apply: (tx, e) => applyNormEvent(tx, e) })
registerApplier('readiness.paramsSaved', { version: 1, kind: 'lww', carriesSetting: true, apply: (tx, e) => applyParamsEvent(tx, e) })

registerHubRules({ 'readiness.normSaved': districtWide, 'readiness.normDeleted': districtWide, 'readiness.paramsSaved': districtWide })
