/** Every area of the product, in menu order. `built: false` areas show the "later version" page. */
export const ROUTES = [
  { key: 'dashboard', group: 'groupDaily', built: true },
  { key: 'network', group: 'groupDaily', built: true },
  { key: 'stock', group: 'groupDaily', built: true },
  { key: 'receipt', group: 'groupDaily', built: true },
  { key: 'issue', group: 'groupDaily', built: true },
  { key: 'transfer', group: 'groupDaily', built: true },
  { key: 'writeoff', group: 'groupDaily', built: true },
  { key: 'stocktake', group: 'groupDaily', built: true },
  { key: 'stockcard', group: 'groupDaily', built: true },
  { key: 'import', group: 'groupDaily', built: true },
  { key: 'alerts', group: 'groupDaily', built: true },
  { key: 'catalogue', group: 'groupPlanning', built: true },
  { key: 'coverage', group: 'groupPlanning', built: true },
  { key: 'agreements', group: 'groupPlanning', built: true },
  { key: 'dispatch', group: 'groupPlanning', built: true },
  { key: 'readiness', group: 'groupPlanning', built: true },
  { key: 'reports', group: 'groupPlanning', built: true },
  { key: 'sync', group: 'groupSystem', built: true },
  { key: 'users', group: 'groupSystem', built: true, adminOnly: true },
  { key: 'audit', group: 'groupSystem', built: true, adminOnly: true },
  { key: 'backup', group: 'groupSystem', built: true, adminOnly: true },
  { key: 'settings', group: 'groupSystem', built: false },
] as const

export type RouteKey = (typeof ROUTES)[number]['key']
export type LaterKey = Extract<(typeof ROUTES)[number], { built: false }>['key']
export const GROUPS = ['groupDaily', 'groupPlanning', 'groupSystem'] as const

export const isRouteKey = (s: string): s is RouteKey => ROUTES.some((r) => r.key === s)
