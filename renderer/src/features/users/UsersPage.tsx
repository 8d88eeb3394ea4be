/** 用户与权限: every account with its roles, scope and state; create, edit, deactivate, reset a password. */
import { useMemo, useState } from 'react'
import { App, Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { SiteSelect } from '../../common/SiteSelect'
import { useSites, useStreets } from '../../common/useReference'
import type { MethodOutput } from '../../../../core/api/handlers'

type User = MethodOutput<'users.list'>[number]
type Role = User['roles'][number]
const ROLES: Role[] = ['keeper', 'planner', 'dispatcher', 'admin']

interface Draft { id?: string; username: string; displayName: string; password?: string; roles: Role[]; scopeKind: 'site' | 'street' | 'district'; scopeRef?: string; active: boolean }

export function UsersPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, reload, loading } = useApi('users.list', {})
  const { sites } = useSites()
  const streets = useStreets()
  const [editing, setEditing] = useState<Draft>()
  const [resetting, setResetting] = useState<User>()
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites])
  const streetName = useMemo(() => new Map(streets.map((s) => [s.code, s.name])), [streets])
  const scopeText = (u: Pick<User, 'scopeKind' | 'scopeRef'>) => u.scopeKind === 'district' ? t('users.scopeDistrict')
    : u.scopeKind === 'street' ? streetName.get(u.scopeRef ?? '') ?? u.scopeRef : siteName.get(u.scopeRef ?? '') ?? u.scopeRef

  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  return (
    <div className="page" data-testid="users-page">
      <div className="page-head">
        <Typography.Title level={3} className="page-title">{t('users.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} className="legend" data-testid="user-add"
          onClick={() => setEditing({ username: '', displayName: '', roles: ['keeper'], scopeKind: 'site', active: true })}>{t('users.add')}</Button>
      </div>
      <Table<User> rowKey="id" size="middle" loading={loading} dataSource={data ?? []} pagination={false} data-testid="users-table"
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.roles'), dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(`auth.roles.${r}`)}</Tag>) },
          { title: t('users.scope'), key: 'scope', render: (_v, u) => scopeText(u) },
          {
            title: t('users.status'), key: 'status', render: (_v, u) => (
              <Space size={4}>
                <Tag color={u.active ? 'green' : 'default'}>{u.active ? t('users.active') : t('users.inactive')}</Tag>
                {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() && <Tag color="red">{t('users.locked')}</Tag>}
                {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: '', key: 'actions', render: (_v, u) => (
              <Space>
                <Button size="small" data-testid={`user-edit-${u.username}`} onClick={() => setEditing({ ...u, scopeRef: u.scopeRef ?? undefined })}>{t('users.edit')}</Button>
                <Button size="small" data-testid={`user-reset-${u.username}`} onClick={() => setResetting(u)}>{t('users.reset')}</Button>
              </Space>
            ),
          },
        ]} />
      {editing && <UserDialog draft={editing} sites={sites} streets={streets} onClose={(saved) => {
        setEditing(undefined)
        if (saved) { void message.success(t('users.saved')); reload() }
      }} />}
      {resetting && <ResetDialog user={resetting} onClose={(done) => {
        setResetting(undefined)
        if (done) { void message.success(t('users.resetDone', { name: resetting.displayName })); reload() }
      }} />}
    </div>
  )
}

function UserDialog({ draft, sites, streets, onClose }: {
  draft: Draft; sites: ReturnType<typeof useSites>['sites']; streets: Array<{ code: string; name: string }>; onClose: (saved: boolean) => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Draft>()
  const [error, setError] = useState<string>()
  const scopeKind = Form.useWatch('scopeKind', form) ?? draft.scopeKind
  const save = async (v: Draft) => {
    setError(undefined)
    try {
      const scope = { scopeKind: v.scopeKind, ...(v.scopeKind === 'district' ? {} : { scopeRef: v.scopeRef }) }
      if (draft.id) await api('users.update', { id: draft.id, displayName: v.displayName, roles: v.roles, active: v.active, ...scope })
      else await api('users.create', { username: v.username, displayName: v.displayName, password: v.password ?? '', roles: v.roles, ...scope })
      onClose(true)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <Modal open title={draft.id ? t('users.edit') : t('users.add')} onCancel={() => onClose(false)} onOk={() => form.submit()}
      okText={t('users.save')} cancelText={t('users.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': 'user-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" initialValues={draft} onFinish={save} requiredMark={false} data-testid="user-form">
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
          <Input disabled={!!draft.id} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('auth.displayNameRequired') }]}>
          <Input data-testid="user-displayname" />
        </Form.Item>
        {!draft.id && (
          <Form.Item name="password" label={t('users.tempPassword')} extra={`${t('users.tempPasswordHint')}；${t('auth.passwordRule')}`}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
          <Select mode="multiple" data-testid="user-roles" options={ROLES.map((r) => ({ value: r, label: t(`auth.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('users.scopeKind')}>
          <Radio.Group options={[
            { value: 'site', label: t('users.scopeSite') }, { value: 'street', label: t('users.scopeStreet') }, { value: 'district', label: t('users.scopeDistrict') },
          ]} />
        </Form.Item>
        {scopeKind === 'site' && (
          <Form.Item name="scopeRef" label={t('users.scopeSite')} rules={[{ required: true, message: t('users.scopeRequired') }]}>
            <SiteSelect sites={sites} value={form.getFieldValue('scopeRef')} onChange={(v) => form.setFieldValue('scopeRef', v)} testId="user-scope-site" />
          </Form.Item>
        )}
        {scopeKind === 'street' && (
          <Form.Item name="scopeRef" label={t('users.scopeStreet')} rules={[{ required: true, message: t('users.scopeRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="user-scope-street" options={streets.map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
        )}
        {draft.id && (
          <Form.Item name="active" label={t('users.status')}>
            <Radio.Group options={[{ value: true, label: t('users.active') }, { value: false, label: t('users.inactive') }]} />
          </Form.Item>
        )}
        {error && <Typography.Text type="danger" data-testid="user-error">{error}</Typography.Text>}
      </Form>
    </Modal>
  )
}

function ResetDialog({ user, onClose }: { user: User; onClose: (done: boolean) => void }) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string>()
  const reset = async () => {
    try {
      await api('users.resetPassword', { id: user.id, password })
      onClose(true)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <Modal open title={`${t('users.reset')} · ${user.displayName}`} onCancel={() => onClose(false)} onOk={() => void reset()}
      okText={t('users.save')} cancelText={t('users.cancel')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('users.tempPasswordHint')}；{t('auth.passwordRule')}</Typography.Paragraph>
      <Input.Password value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="reset-password" />
      {error && <Typography.Text type="danger" data-testid="reset-error">{error}</Typography.Text>}
    </Modal>
  )
}
