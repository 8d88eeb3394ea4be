/** The header's user: name, roles and scope; change password; log out. */
import { useState } from 'react'
import { Button, Dropdown, Space, Typography } from 'antd'
import { DownOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useAuth, useCurrentUser } from './useAuth'
import { ChangePasswordDialog } from './ChangePassword'

export function UserMenu() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const { logout } = useAuth()
  const [changing, setChanging] = useState(false)
  const roles = user.roles.map((r) => t(`auth.roles.${r}`)).join('、')
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', label: <span data-testid="menu-change-password">{t('auth.changePassword')}</span> },
            { key: 'logout', label: <span data-testid="menu-logout">{t('auth.logout')}</span> },
          ],
          onClick: ({ key }) => (key === 'logout' ? void logout() : setChanging(true)),
        }}
      >
        <Button type="text" className="user-button" data-testid="user-menu" aria-label={t('auth.signedInAs')}>
          <Space size={6}>
            <UserOutlined />
            <Typography.Text className="user-name" data-testid="user-name">{user.name}</Typography.Text>
            <Typography.Text className="user-scope" data-testid="user-scope">{roles} · {user.scopeName}</Typography.Text>
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </>
  )
}
