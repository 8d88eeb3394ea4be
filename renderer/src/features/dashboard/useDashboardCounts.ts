/** The counts the dashboard shows, each straight from the api (balance counts use `total` with limit 1). */
import { useCallback, useEffect, useState } from 'react'
import { api } from '../../api'
import type { ExpiryState, Tree } from '../../common/types'

export interface DashboardCounts {
  tree: Tree
  sitesByTier: { district: number; street: number; community: number }
  stock: Record<Exclude<ExpiryState, 'ok'>, number>
}

const countBalances = async (expiry: ExpiryState) => (await api('stock.balances', { limit: 1, expiry })).total

export function useDashboardCounts() {
  const [data, setData] = useState<DashboardCounts>()
  const [error, setError] = useState<Error>()
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    setError(undefined)
    Promise.all([api('network.tree', {}), api('network.sites', {}), countBalances('all'), countBalances('expired'),
      countBalances('near30'), countBalances('near90')])
      .then(([tree, sites, all, expired, near30, near90]) => {
        if (!live) return
        const tier = (x: string) => sites.filter((s) => s.tier === x).length
        setData({ tree, sitesByTier: { district: tier('district'), street: tier('street'), community: tier('community') },
          stock: { all, expired, near30, near90 } })
      })
      .catch((e: unknown) => { if (live) setError(e instanceof Error ? e : new Error(String(e))) })
    return () => { live = false }
  }, [tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, error, reload }
}
