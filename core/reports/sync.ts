/**
 * Report events as they travel (office → district hub → city hub). A submission is written for its street (a street
 * device may send its own street's reports) or for the district; a decision on a street's report is the district's.
 */
import { registerApplier } from '../sync/registry'
import { DISTRICT, registerHubRules } from '../sync/hub-rights'
import { applyReportDecided, applyReportSubmitted, type DecidedPayload, type SubmittedPayload } from './apply'

export const REPORT_EVENT_TYPES = ['report.submitted', 'report.decided'] as const

registerApplier('report.submitted', { version: 1, kind: 'lww', apply: (tx, e) => applyReportSubmitted(tx, e.payload as SubmittedPayload) })
registerApplier('report.decided', { version: 1, kind: 'lww', apply: (tx, e) => applyReportDecided(tx, e.payload as DecidedPayload, e.hlc) })

registerHubRules({
  'report.submitted': (p) => [p.level === 'street' && typeof p.regionCode === 'string' ? { regionCode: p.regionCode } : DISTRICT],
  'report.decided': () => [DISTRICT],
})
