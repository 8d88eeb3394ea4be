/** 登录: user name and password. The password lives only in the form until the call returns, then the form is reset. */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { LanguageSwitch } from '../../shell/LanguageSwitch'
import { useAuth } from './useAuth'

export function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="auth-screen">
      <Card className="auth-card" data-testid="auth-card">
        <div className="auth-brand">
          <span className="app-logo" aria-hidden>储</span>
          <div>
            <Typography.Text strong className="auth-title">{t('app.title')}</Typography.Text>
            <Typography.Text type="secondary" className="auth-subtitle">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4}>{title}</Typography.Title>
        {children}
        <div className="auth-lang"><LanguageSwitch /></div>
      </Card>
    </div>
  )
}

export function LoginPage() {
  const { t } = useTranslation()
  const { refresh } = useAuth()
  const [form] = Form.useForm<{ username: string; password: string }>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true)
    setError(undefined)
    try {
      await api('auth.login', { username: v.username, password: v.password })
      form.resetFields()
      await refresh()
    } catch (e) {
      form.setFieldValue('password', '')
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <AuthCard title={t('auth.loginTitle')}>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="login-form" requiredMark={false}>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="login-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('auth.login')}</Button>
      </Form>
    </AuthCard>
  )
}
