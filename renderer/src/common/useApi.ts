/** Loads one api query when the component mounts (and when its input changes): always fresh, never cached. */
import { useCallback, useEffect, useState } from 'react'
import { api } from '../api'
import type { MethodInput, MethodName } from '../../../core/api/contract'
import type { MethodOutput } from '../../../core/api/handlers'

export interface Loaded<T> { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void }

export function useApi<M extends MethodName>(method: M, input: MethodInput<M>, enabled = true): Loaded<MethodOutput<M>> {
  const key = JSON.stringify(input)
  const [state, setState] = useState<{ data?: MethodOutput<M>; error?: Error; loading: boolean }>({ loading: enabled })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!enabled) return
    let live = true
    setState((s) => ({ ...s, loading: true, error: undefined }))
    api(method, JSON.parse(key) as MethodInput<M>)
      .then((data) => { if (live) setState({ data, loading: false }) })
      .catch((error: unknown) => { if (live) setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }) })
    return () => { live = false }
  }, [method, key, enabled, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
