/** Agreements' events as they travel: partners, agreements and their attachments (per-field LWW), and the hub's rules. */
import { registerApplier } from '../sync/registry'
import { districtWide, registerDistrictOnly, registerHubRules } from '../sync/hub-rights'
import { applyAgreementAttached, applyAgreementSaved, applyPartnerSaved } from './agreements'
import { applyAgreementRecorded, type AgreementRecord } from './callups'

registerApplier('partner.saved', { version: 1, kind: 'lww', apply: (tx, e) => applyPartnerSaved(tx, e) })
// lines as one field: the changed fields compete
registerApplier('agreement.saved', { version: 1, kind: 'lww', apply: (tx, e) => applyAgreementSaved(tx, e) })
// the record, once (the file stays at the office that attached it)
registerApplier('agreement.attached', { version: 1, kind: 'lww', apply: (tx, e) => applyAgreementAttached(tx, e.payload as Parameters<typeof applyAgreementAttached>[1]) })
// create-once, by dispatch (see ./callups.ts)
registerApplier('agreement.recorded', { version: 1, kind: 'lww', apply: (tx, e) => applyAgreementRecorded(tx, e.payload as AgreementRecord) })

registerHubRules({ 'partner.saved': districtWide, 'agreement.saved': districtWide, 'agreement.attached': districtWide })
registerDistrictOnly('agreement.recorded', 'agreements with partners are signed and recorded by the district; streets call them up through transfer orders')
