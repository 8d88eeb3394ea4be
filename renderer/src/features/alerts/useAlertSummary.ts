/** The alert counts for the frame's badge and the dashboard: fetched on every page change and once a minute. */
import { useEffect, useState } from 'react'
import { api } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'

export type AlertSummary = MethodOutput<'alerts.summary'>

export function useAlertSummary(refreshKey?: unknown): AlertSummary | undefined {
  const [data, setData] = useState<AlertSummary>()
  useEffect(() => {
    let live = true
    const load = () => { api('alerts.summary', {}).then((d) => { if (live) setData(d) }).catch(() => { /* the badge stays as it was */ }) }
    load()
    const timer = setInterval(load, 60_000)
    return () => { live = false; clearInterval(timer) }
  }, [refreshKey])
  return data
}
