/** Minimal hash routing (#/stock): works from file:// in Electron and needs no server routes. */
import { useEffect, useState } from 'react'
import { isRouteKey, type RouteKey } from '../routes'

function read(): RouteKey {
  const key = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0]
  return isRouteKey(key) ? key : 'dashboard'
}

export function navigate(key: RouteKey) {
  window.location.hash = `#/${key}`
}

export function useHashRoute(): RouteKey {
  const [route, setRoute] = useState<RouteKey>(read)
  useEffect(() => {
    const onChange = () => setRoute(read())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
