/**
 * The alert counts. The frame's badge fetches them on every page change and once a minute (useAlertSummary); the
 * dashboard and anything else on the page read the badge's latest answer (useLatestAlertSummary) instead of asking
 * again: one alerts.summary per page, not two (issue 15). Callers at the same moment share one request.
 */
import { useEffect, useState } from 'react'
import { api } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'

export type AlertSummary = MethodOutput<'alerts.summary'>

let inFlight: Promise<AlertSummary> | undefined
let latest: AlertSummary | undefined
const listeners = new Set<(s: AlertSummary) => void>()

export function loadAlertSummary(): Promise<AlertSummary> {
  if (!inFlight) {
    const p = api('alerts.summary', {})
    inFlight = p
    p.then((d) => { latest = d; for (const l of listeners) l(d) }, () => { /* the counts stay as they were */ })
      .finally(() => { if (inFlight === p) inFlight = undefined })
  }
  return inFlight
}

/** The badge's hook: fetches when `refreshKey` (the page) changes and once a minute. */
export function useAlertSummary(refreshKey?: unknown): AlertSummary | undefined {
  const [data, setData] = useState<AlertSummary | undefined>(latest)
  useEffect(() => {
    let live = true
    const load = () => { loadAlertSummary().then((d) => { if (live) setData(d) }).catch(() => { /* the badge stays as it was */ }) }
    load()
    const timer = setInterval(load, 60_000)
    return () => { live = false; clearInterval(timer) }
  }, [refreshKey])
  return data
}

/** The latest counts the badge fetched (the badge is in every page's frame), updated when it fetches again. */
export function useLatestAlertSummary(): AlertSummary | undefined {
  const [data, setData] = useState<AlertSummary | undefined>(latest)
  useEffect(() => {
    listeners.add(setData)
    if (latest) setData(latest)
    return () => { listeners.delete(setData) }
  }, [])
  return data
}
