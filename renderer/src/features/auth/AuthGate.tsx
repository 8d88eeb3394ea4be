/** Nothing of the app shows until someone is signed in: first-run setup, the login page, or a required password change. */
import type { ReactNode } from 'react'
import { Spin } from 'antd'
import { LoadError } from '../../common/LoadError'
import { useAuth } from './useAuth'
import { LoginPage } from './LoginPage'
import { FirstRunPage } from '../firstrun/FirstRunPage'
import { ForcedChangePasswordPage } from './ChangePassword'

export function AuthGate({ children }: { children: ReactNode }) {
  const { status, error, refresh } = useAuth()
  if (error && !status) return <LoadError error={error} onRetry={() => void refresh()} />
  if (!status) return <div className="auth-screen"><Spin size="large" /></div>
  if (status.needsSetup) return <FirstRunPage />
  if (!status.user) return <LoginPage />
  if (status.user.mustChangePassword) return <ForcedChangePasswordPage />
  return <>{children}</>
}
