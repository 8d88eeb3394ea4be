/** 首次使用: an empty installation asks for its administrator. */
import { useState } from 'react'
import { Alert, Button, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { AuthCard } from './LoginPage'
import { useAuth } from './useAuth'
import { newPasswordRules } from './passwordRules'

export function SetupPage() {
  const { t } = useTranslation()
  const { refresh } = useAuth()
  const [form] = Form.useForm()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (v: { username: string; displayName: string; password: string }) => {
    setBusy(true)
    setError(undefined)
    try {
      await api('auth.setup', { username: v.username, displayName: v.displayName, password: v.password })
      form.resetFields()
      await refresh()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <AuthCard title={t('auth.setupTitle')}>
      <Alert type="info" showIcon title={t('auth.setupHint')} className="block-gap" />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="setup-form" requiredMark={false}>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true, message: t('auth.displayNameRequired') }]}>
          <Input autoFocus data-testid="setup-name" />
        </Form.Item>
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input autoComplete="username" data-testid="setup-username" />
        </Form.Item>
        {newPasswordRules(t, 'password', 'confirm', 'setup')}
        {error && <Alert type="error" showIcon title={error} className="block-gap" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">{t('auth.setup')}</Button>
      </Form>
    </AuthCard>
  )
}
