/** The frame: header with title and language switch, side menu for every area, the page in the middle. */
import type { ReactNode } from 'react'
import { Layout, Menu, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { GROUPS, ROUTES, type RouteKey } from '../routes'
import { navigate } from '../common/useHashRoute'
import { LanguageSwitch } from './LanguageSwitch'
import { UserMenu } from '../features/auth/UserMenu'
import { useCurrentUser } from '../features/auth/useAuth'
import { routeIcons } from './routeIcons'
import { AlertBadge } from '../features/alerts/AlertBadge'
import { DemoBadge } from '../features/firstrun/DemoBadge'

export function AppFrame({ route, children }: { route: RouteKey; children: ReactNode }) {
  const { t } = useTranslation()
  const user = useCurrentUser()
  // administration pages only for administrators (the api refuses the others anyway)
  const visible = ROUTES.filter((r) => !('adminOnly' in r) || user.roles.includes('admin'))
  const items = GROUPS.map((g) => ({
    type: 'group' as const,
    key: g,
    label: t(`nav.${g}`),
    children: visible.filter((r) => r.group === g).map((r) => ({
      key: r.key,
      icon: routeIcons[r.key],
      label: <span data-testid={`nav-${r.key}`}>{t(`nav.${r.key}`)}</span>,
    })),
  }))
  return (
    <Layout className="app-frame">
      <Layout.Header className="app-header">
        <div className="app-brand">
          <span className="app-logo" aria-hidden>储</span>
          <div>
            <Typography.Text className="app-title">{t('app.title')}</Typography.Text>
            <Typography.Text className="app-subtitle">{t('app.subtitle')}</Typography.Text>
          </div>
          <DemoBadge />
        </div>
        <div className="app-header-right">
          <AlertBadge route={route} />
          <UserMenu />
          <LanguageSwitch />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={208} theme="light" className="app-sider">
          <Menu mode="inline" selectedKeys={[route]} items={items} data-testid="main-menu"
            onClick={(e) => navigate(e.key as RouteKey)} />
        </Layout.Sider>
        <Layout.Content className="app-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  )
}
