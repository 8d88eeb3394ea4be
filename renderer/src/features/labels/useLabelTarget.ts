/**
 * #/labels?site=<site id>[&item=<item id>] shows the label sheet for that site's lots (of one item);
 * #/labels?sites=<id,id,…> (or sites=all) the labels of those sites.
 */
import { useEffect, useState } from 'react'

export type LabelTarget =
  | { kind: 'lots'; siteId: string; itemId?: string }
  | { kind: 'sites'; siteIds: string[] | 'all' }

export function readLabelTarget(hash: string): LabelTarget | undefined {
  const m = /^#\/labels\?(.*)$/.exec(hash)
  if (!m) return undefined
  const q = new URLSearchParams(m[1])
  const site = q.get('site')
  if (site) return { kind: 'lots', siteId: site, itemId: q.get('item') ?? undefined }
  const sites = q.get('sites')
  if (sites) return { kind: 'sites', siteIds: sites === 'all' ? 'all' : sites.split(',').filter(Boolean) }
  return undefined
}

export function useLabelTarget(): LabelTarget | undefined {
  const [target, setTarget] = useState(() => readLabelTarget(window.location.hash))
  useEffect(() => {
    const onChange = () => setTarget(readLabelTarget(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return target
}

export function openLotLabels(siteId: string, itemId?: string) {
  const q = new URLSearchParams({ site: siteId })
  if (itemId) q.set('item', itemId)
  window.location.hash = `#/labels?${q.toString()}`
}

export function openSiteLabels(siteIds: string[] | 'all') {
  const q = new URLSearchParams({ sites: siteIds === 'all' ? 'all' : siteIds.join(',') })
  window.location.hash = `#/labels?${q.toString()}`
}
