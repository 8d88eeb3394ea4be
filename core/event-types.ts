/**
 * Every capability's event types, registered with the sync engine (appliers and the hub's rules). The engine
 * (./sync) knows none of them; whatever builds a core — ./app.ts, hence the desktop app, the hub and the tests —
 * loads this first.
 */
import './stock/sync'
import './network/sync'
import './catalogue/sync'
import './agreements/sync'
import './dispatch/sync'
import './people/sync'
import './readiness/sync'
import './reports/sync'
