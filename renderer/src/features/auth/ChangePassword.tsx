/** 修改密码: as a dialog from the user menu, or as the whole screen when an administrator's reset requires it. */
import { useState } from 'react'
import { Alert, App, Button, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { AuthCard } from './LoginPage'
import { useAuth } from './useAuth'
import { newPasswordRules } from './passwordRules'

function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const submit = async (v: { current: string; next: string }) => {
    setBusy(true)
    setError(undefined)
    try {
      await api('auth.changePassword', { current: v.current, next: v.next })
      form.resetFields()
      onDone()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="change-password-form" requiredMark={false}>
      <Form.Item name="current" label={t('auth.currentPassword')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="change-current" />
      </Form.Item>
      {newPasswordRules(t, 'next', 'confirm', 'change', t('auth.newPassword'))}
      {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="change-error" />}
      <div className="form-actions">
        {onCancel && <Button onClick={onCancel}>{t('auth.cancel')}</Button>}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="change-submit">{t('auth.save')}</Button>
      </div>
    </Form>
  )
}

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  return (
    <Modal open={open} title={t('auth.changePassword')} footer={null} onCancel={onClose} destroyOnHidden>
      <ChangePasswordForm onCancel={onClose} onDone={() => { void message.success(t('auth.changed')); onClose() }} />
    </Modal>
  )
}

export function ForcedChangePasswordPage() {
  const { t } = useTranslation()
  const { refresh, logout } = useAuth()
  return (
    <AuthCard title={t('auth.changePassword')}>
      <Alert type="warning" showIcon title={t('auth.mustChange')} className="block-gap" />
      <ChangePasswordForm onDone={() => { void refresh() }} onCancel={() => { void logout() }} />
    </AuthCard>
  )
}
