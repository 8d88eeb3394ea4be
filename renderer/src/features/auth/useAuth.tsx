/** Who is signed in, for every page: loaded from auth.status, refreshed after login, logout or a lost session. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { api, whenSignedOut } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'

export type AuthStatus = MethodOutput<'auth.status'>
export type SignedInUser = NonNullable<AuthStatus['user']>

interface AuthState {
  status: AuthStatus | undefined
  error: Error | undefined
  refresh: () => Promise<void>
  logout: () => Promise<void>
}

const AuthContext = createContext<AuthState | undefined>(undefined)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>()
  const [error, setError] = useState<Error>()
  const refresh = useCallback(async () => {
    try {
      setStatus(await api('auth.status', {}))
      setError(undefined)
    } catch (e) {
      setError(e as Error)
    }
  }, [])
  const logout = useCallback(async () => {
    try { await api('auth.logout', {}) } finally { await refresh() }
  }, [refresh])
  useEffect(() => {
    void refresh()
    whenSignedOut(() => { void refresh() })
    return () => whenSignedOut(undefined)
  }, [refresh])
  return <AuthContext.Provider value={{ status, error, refresh, logout }}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const a = useContext(AuthContext)
  if (!a) throw new Error('useAuth outside AuthProvider')
  return a
}

/** The signed-in user (pages render only inside the gate, so there always is one). */
export function useCurrentUser(): SignedInUser {
  const user = useAuth().status?.user
  if (!user) throw new Error('no signed-in user')
  return user
}
