/**
 * Accounts are local to each installation: an office's keepers sign in at that office, the hub's users at the hub,
 * and no password hash is ever in an event. The user.* events still travel (a replica's log has no gaps, and
 * another installation's audit may show who changed which account there), so each is known here and applied as
 * "nothing to change": it is stored and marked applied, never left pending, and creates no account elsewhere.
 * Events written before hashes were kept out of payloads leave without theirs (`withoutSecrets`).
 */
import { registerApplier } from '../sync/registry'
import { registerHubRules } from '../sync/hub-rights'
import { withoutSecrets } from './users'

for (const type of ['user.created', 'user.updated', 'user.password']) {
  registerApplier(type, { version: 1, kind: 'lww', apply() { /* accounts stay local: nothing to project */ }, outgoing: (p) => withoutSecrets(type, p) })
}
// stored and relayed, but they change nothing anywhere
registerHubRules({ 'user.created': () => [], 'user.updated': () => [], 'user.password': () => [] })
