/** The alert counts for the frame's badge and the dashboard: fetched on every page change and once a minute. */
import { useEffect, useState } from 'react'
import { api } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'

export type AlertSummary = MethodOutput<'alerts.summary'>

/**
 * One request for everyone who asks at the same moment: the frame's badge and the dashboard mount together and
 * share one alerts.summary instead of asking twice.
 */
let inFlight: Promise<AlertSummary> | undefined
export function loadAlertSummary(): Promise<AlertSummary> {
  if (!inFlight) {
    inFlight = api('alerts.summary', {})
    const clear = () => { inFlight = undefined }
    inFlight.then(clear, clear)
  }
  return inFlight
}

export function useAlertSummary(refreshKey?: unknown): AlertSummary | undefined {
  const [data, setData] = useState<AlertSummary>()
  useEffect(() => {
    let live = true
    const load = () => { loadAlertSummary().then((d) => { if (live) setData(d) }).catch(() => { /* the badge stays as it was */ }) }
    load()
    const timer = setInterval(load, 60_000)
    return () => { live = false; clearInterval(timer) }
  }, [refreshKey])
  return data
}
