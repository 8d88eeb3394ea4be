/** #/stockcard?site=<site id>&item=<item id> opens the stock card of that site × item (e.g. from the sync page). */
import { useEffect, useState } from 'react'

export function readStockCardTarget(hash: string): { siteId?: string; itemId?: string } {
  const m = /^#\/stockcard\?(.*)$/.exec(hash)
  if (!m) return {}
  const q = new URLSearchParams(m[1])
  return { siteId: q.get('site') ?? undefined, itemId: q.get('item') ?? undefined }
}

/** The site × item the address names; changes when the address does. */
export function useStockCardTarget(): { siteId?: string; itemId?: string } {
  const [target, setTarget] = useState(() => readStockCardTarget(window.location.hash))
  useEffect(() => {
    const onChange = () => setTarget(readStockCardTarget(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return target
}

export function openStockCard(siteId: string, itemId: string) {
  window.location.hash = `#/stockcard?${new URLSearchParams({ site: siteId, item: itemId }).toString()}`
}
