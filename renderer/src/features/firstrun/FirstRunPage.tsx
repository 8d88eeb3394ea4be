/**
 * 首次使用 (issue 19): on an empty installation, the three ways to start — 试用演示数据, 新建本区储备网络 (district picker
 * and the first administrator), 加入已有网络 (hub address and device token, or a shared folder; then which office this
 * is and its first administrator). Where the installation already has its network but no account (started by
 * `--init new:<code>`), the first-administrator form of the auth feature is shown.
 */
import { useCallback, useEffect, useState } from 'react'
import { Alert, Button, Card, Col, Divider, Form, Input, Progress, Radio, Row, Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'
import { useAuth } from '../auth/useAuth'
import { SetupPage } from '../auth/SetupPage'
import { newPasswordRules } from '../auth/passwordRules'
import { LanguageSwitch } from '../../shell/LanguageSwitch'

type Status = MethodOutput<'firstrun.status'>
type District = MethodOutput<'firstrun.districts'>['rows'][number]
const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e))

export function FirstRunPage() {
  const [status, setStatus] = useState<Status>()
  const [error, setError] = useState<string>()
  const load = useCallback(async () => {
    try { setStatus(await api('firstrun.status', {})); setError(undefined) } catch (e) { setError(message(e)) }
  }, [])
  useEffect(() => { void load() }, [load])
  // while the network arrives, follow it
  useEffect(() => {
    if (status?.step !== 'joining' || !status.join?.running) return
    const timer = setInterval(() => { void load() }, 1000)
    return () => clearInterval(timer)
  }, [status, load])
  if (error) return <Frame><Alert type="error" showIcon title={error} /></Frame>
  if (!status) return <Frame><Progress percent={0} status="active" showInfo={false} /></Frame>
  if (status.step === 'admin' || status.step === 'ready') return <SetupPage />
  if (status.step === 'office') return <Frame><OfficeStep status={status} /></Frame>
  if (status.step === 'joining' && status.join) return <Frame><JoiningStep status={status} onRetry={load} /></Frame>
  return <Frame><Choose onChanged={load} /></Frame>
}

function Frame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="auth-screen">
      <div style={{ width: 'min(1100px, 96vw)' }} data-testid="firstrun">
        <div className="auth-brand">
          <span className="app-logo" aria-hidden>储</span>
          <div>
            <Typography.Text strong className="auth-title">{t('app.title')}</Typography.Text>
            <Typography.Text type="secondary" className="auth-subtitle">{t('app.subtitle')}</Typography.Text>
          </div>
          <div style={{ marginLeft: 'auto' }}><LanguageSwitch /></div>
        </div>
        {children}
      </div>
    </div>
  )
}

function AdminFields({ prefix }: { prefix: string }) {
  const { t } = useTranslation()
  return (
    <>
      <Divider titlePlacement="start" plain>{t('firstrun.adminSection')}</Divider>
      <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true, message: t('auth.displayNameRequired') }]}>
        <Input data-testid={`${prefix}-name`} />
      </Form.Item>
      <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
        <Input autoComplete="username" data-testid={`${prefix}-username`} />
      </Form.Item>
      {newPasswordRules(t, 'password', 'confirm', prefix)}
    </>
  )
}

function Choose({ onChanged }: { onChanged: () => Promise<void> }) {
  const { t } = useTranslation()
  const { refresh } = useAuth()
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<{ where: string; text: string }>()
  const [demoDone, setDemoDone] = useState(false)
  const [districts, setDistricts] = useState<District[]>([])
  const [source, setSource] = useState<'hub' | 'folder'>('hub')
  const run = async (where: string, f: () => Promise<unknown>) => {
    setBusy(where); setError(undefined)
    try { await f() } catch (e) { setError({ where, text: message(e) }) } finally { setBusy(undefined) }
  }
  const search = async (s: string) => {
    try { setDistricts((await api('firstrun.districts', { search: s })).rows) } catch { setDistricts([]) }
  }
  useEffect(() => { void search('') }, [])
  const failure = (where: string) => error?.where === where && <Alert type="error" showIcon title={error.text} className="block-gap" data-testid={`firstrun-${where}-error`} />
  return (
    <>
      <Typography.Title level={4}>{t('firstrun.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('firstrun.hint')} className="block-gap" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={t('firstrun.demoTitle')} data-testid="firstrun-demo">
            <Typography.Paragraph>{t('firstrun.demoBody')}</Typography.Paragraph>
            {failure('demo')}
            {demoDone ? (
              <>
                <Alert type="success" showIcon title={t('firstrun.demoDone')} className="block-gap" data-testid="firstrun-demo-done" />
                <Button type="primary" block onClick={() => void refresh()} data-testid="firstrun-demo-continue">{t('firstrun.demoContinue')}</Button>
              </>
            ) : (
              <Button block loading={busy === 'demo'} disabled={!!busy && busy !== 'demo'} data-testid="firstrun-demo-start"
                onClick={() => void run('demo', async () => { await api('firstrun.demo', {}); setDemoDone(true) })}>{t('firstrun.demoStart')}</Button>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('firstrun.newTitle')} data-testid="firstrun-new">
            <Typography.Paragraph>{t('firstrun.newBody')}</Typography.Paragraph>
            <Form layout="vertical" requiredMark={false} data-testid="firstrun-new-form"
              onFinish={(v: { areaCode: string; username: string; displayName: string; password: string }) => void run('new', async () => {
                await api('firstrun.newDistrict', { areaCode: v.areaCode, username: v.username, displayName: v.displayName, password: v.password })
                await refresh()
              })}>
              <Form.Item name="areaCode" label={t('firstrun.district')} rules={[{ required: true, message: t('firstrun.districtRequired') }]}>
                <Select showSearch={{ filterOption: false, onSearch: (s) => void search(s) }} placeholder={t('firstrun.districtPlaceholder')} data-testid="firstrun-district"
                  options={districts.map((d) => ({ value: d.code, label: `${d.name}（${d.code}，${d.parent}）` }))} />
              </Form.Item>
              <AdminFields prefix="firstrun-new" />
              {failure('new')}
              <Button type="primary" htmlType="submit" block loading={busy === 'new'} disabled={!!busy && busy !== 'new'} data-testid="firstrun-new-submit">{t('firstrun.newStart')}</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('firstrun.joinTitle')} data-testid="firstrun-join">
            <Typography.Paragraph>{t('firstrun.joinBody')}</Typography.Paragraph>
            <Form layout="vertical" requiredMark={false} initialValues={{ source: 'hub' }} data-testid="firstrun-join-form"
              onFinish={(v: { source: 'hub' | 'folder'; url?: string; token?: string; folder?: string }) => void run('join', async () => {
                await api('firstrun.join', v.source === 'hub' ? { source: 'hub', url: v.url ?? '', token: v.token ?? '' } : { source: 'folder', folder: v.folder ?? '' })
                await onChanged()
              })}>
              <Form.Item name="source" label={t('firstrun.source')}>
                <Radio.Group onChange={(e) => setSource(e.target.value)} options={[
                  { value: 'hub', label: t('firstrun.sourceHub') }, { value: 'folder', label: t('firstrun.sourceFolder') },
                ]} />
              </Form.Item>
              {source === 'hub' ? (
                <>
                  <Form.Item name="url" label={t('firstrun.hubUrl')} rules={[{ required: true, whitespace: true, message: t('firstrun.hubUrlRequired') }]}>
                    <Input placeholder={t('firstrun.hubUrlPlaceholder')} data-testid="firstrun-join-url" />
                  </Form.Item>
                  <Form.Item name="token" label={t('firstrun.token')} rules={[{ required: true, whitespace: true, message: t('firstrun.tokenRequired') }]}>
                    <Input.Password data-testid="firstrun-join-token" />
                  </Form.Item>
                </>
              ) : (
                <Form.Item name="folder" label={t('firstrun.folder')} rules={[{ required: true, whitespace: true, message: t('firstrun.folderRequired') }]}>
                  <Input data-testid="firstrun-join-folder" />
                </Form.Item>
              )}
              {failure('join')}
              <Button type="primary" htmlType="submit" block loading={busy === 'join'} disabled={!!busy && busy !== 'join'} data-testid="firstrun-join-submit">{t('firstrun.joinStart')}</Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  )
}

function JoiningStep({ status, onRetry }: { status: Status; onRetry: () => Promise<void> }) {
  const { t } = useTranslation()
  const join = status.join!
  const [again, setAgain] = useState(false)
  if (again) return <Choose onChanged={onRetry} />
  return (
    <Card title={t('firstrun.joinTitle')} data-testid="firstrun-joining">
      <Typography.Paragraph type="secondary">{join.address}</Typography.Paragraph>
      {join.error ? (
        <>
          <Alert type="error" showIcon title={t('firstrun.joinFailed', { error: join.error })} className="block-gap" data-testid="firstrun-join-failed" />
          <Button onClick={() => setAgain(true)} data-testid="firstrun-join-retry">{t('firstrun.joinRetry')}</Button>
        </>
      ) : (
        <>
          <Typography.Text data-testid="firstrun-join-progress">{t('firstrun.joining', { received: join.received })}</Typography.Text>
          <Progress percent={99} status="active" showInfo={false} />
        </>
      )}
    </Card>
  )
}

function OfficeStep({ status }: { status: Status }) {
  const { t } = useTranslation()
  const { refresh } = useAuth()
  const [kind, setKind] = useState<'site' | 'street'>(status.offices?.sites.length ? 'site' : 'street')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [form] = Form.useForm()
  const options = kind === 'site'
    ? (status.offices?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))
    : (status.offices?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))
  const submit = async (v: { ref: string; username: string; displayName: string; password: string }) => {
    setBusy(true); setError(undefined)
    try {
      await api('firstrun.office', { kind, ref: v.ref, username: v.username, displayName: v.displayName, password: v.password })
      await refresh()
    } catch (e) { setError(message(e)) } finally { setBusy(false) }
  }
  return (
    <Card title={t('firstrun.officeTitle')} style={{ maxWidth: 520, margin: '0 auto' }} data-testid="firstrun-office">
      <Alert type="success" showIcon title={t('firstrun.officeHint', { district: status.district?.name ?? '' })} className="block-gap" />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="firstrun-office-form">
        <Form.Item label={t('firstrun.officeKind')}>
          <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value); form.setFieldValue('ref', undefined) }} data-testid="firstrun-office-kind" options={[
            { value: 'site', label: t('firstrun.officeSite') }, { value: 'street', label: t('firstrun.officeStreet') },
          ]} />
        </Form.Item>
        <Form.Item name="ref" label={t('firstrun.office')} rules={[{ required: true, message: t('firstrun.officeRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="firstrun-office-ref" />
        </Form.Item>
        <AdminFields prefix="firstrun-office" />
        {error && <Alert type="error" showIcon title={error} className="block-gap" data-testid="firstrun-office-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="firstrun-office-submit">{t('firstrun.officeStart')}</Button>
      </Form>
    </Card>
  )
}
