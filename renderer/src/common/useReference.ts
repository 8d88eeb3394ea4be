/** Reference lists the forms and filters need: sites, catalogue items, streets, categories. Loaded per page visit. */
import { useMemo } from 'react'
import { useApi } from './useApi'
import type { Item, Site } from './types'

export function useSites() {
  const { data, error, reload } = useApi('network.sites', {})
  return { sites: data ?? [], error, reload, loaded: !!data }
}

export function useItems() {
  const { data, error, reload } = useApi('catalogue.items', {})
  const byId = useMemo(() => new Map((data ?? []).map((i) => [i.id, i])), [data])
  const categories = useMemo(() => [...new Set((data ?? []).map((i) => i.category))].sort(), [data])
  return { items: data ?? [], byId, categories, error, reload, loaded: !!data }
}

export function useStreets() {
  const { data } = useApi('network.tree', {})
  return useMemo(() => (data?.streets ?? []).map((s) => ({ code: s.code, name: s.name })), [data])
}

/** Sites a document form offers: open, and within the signed-in user's scope (the api refuses the others anyway). */
export const activeSites = (sites: Site[]) => sites.filter((s) => s.status === 'active' && s.inScope)
export type { Item, Site }
