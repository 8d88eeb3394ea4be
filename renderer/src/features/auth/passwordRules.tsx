/** A new password twice, checked as the server checks it (8+ characters, letters and digits). */
import { Form, Input } from 'antd'
import type { TFunction } from 'i18next'

export function newPasswordRules(t: TFunction, name: string, confirm: string, testPrefix: string, label: string = t('auth.password')) {
  return (
    <>
      <Form.Item name={name} label={label} extra={t('auth.passwordRule')} rules={[
        { required: true, message: t('auth.passwordRequired') },
        { validator: (_r, v: string) => (!v || (v.length >= 8 && /[A-Za-z]/.test(v) && /\d/.test(v)) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordRule')))) },
      ]}>
        <Input.Password autoComplete="new-password" data-testid={`${testPrefix}-password`} />
      </Form.Item>
      <Form.Item name={confirm} label={t('auth.confirmPassword')} dependencies={[name]} rules={[
        { required: true, message: t('auth.passwordRequired') },
        ({ getFieldValue }) => ({ validator: (_r, v: string) => (!v || v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordsDiffer')))) }),
      ]}>
        <Input.Password autoComplete="new-password" data-testid={`${testPrefix}-confirm`} />
      </Form.Item>
    </>
  )
}
