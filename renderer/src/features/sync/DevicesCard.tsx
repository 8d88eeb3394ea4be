/** For the hub's administrator: register a device (its token is shown once), list devices, revoke one. */
import { useState } from 'react'
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'

type ScopeKind = 'district' | 'street' | 'site'

export function DevicesCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const devices = useApi('sync.devices', {})
  const [form] = Form.useForm<{ name: string; scopeKind: ScopeKind; scopeRef?: string }>()
  const [token, setToken] = useState<string>()
  const scopeKind = Form.useWatch('scopeKind', form)
  if (devices.error) return null // not an administrator, or not a hub

  const register = async (v: { name: string; scopeKind: ScopeKind; scopeRef?: string }) => {
    try {
      const r = await api('sync.registerDevice', { name: v.name, scopeKind: v.scopeKind, scopeRef: v.scopeKind === 'district' ? undefined : v.scopeRef?.trim() })
      setToken(r.token)
      form.resetFields()
    } catch (e) { message.error((e as Error).message) } finally { devices.reload() }
  }
  const revoke = async (id: string) => {
    try { await api('sync.revokeDevice', { id }); message.success(t('sync.revoked')) } catch (e) { message.error((e as Error).message) } finally { devices.reload() }
  }
  return (
    <Card size="small" title={t('sync.devices')} style={{ marginTop: 16 }} data-testid="sync-devices">
      <Form form={form} layout="inline" onFinish={register} initialValues={{ scopeKind: 'street' }}>
        <Form.Item name="name" label={t('sync.deviceName')} rules={[{ required: true, message: t('sync.deviceName') }]}>
          <Input data-testid="device-name" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="scopeKind" label={t('sync.scopeKind')}>
          <Select style={{ width: 120 }} options={(['district', 'street', 'site'] as const).map((k) => ({ value: k, label: t(`sync.scopes.${k}`) }))} />
        </Form.Item>
        {scopeKind !== 'district' && (
          <Form.Item name="scopeRef" label={t('sync.scopeRef')} rules={[{ required: true, message: t('sync.scopeRef') }]}>
            <Input data-testid="device-scope" style={{ width: 160 }} placeholder="310117001000" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" data-testid="device-register">{t('sync.register')}</Button>
      </Form>
      <Table size="small" rowKey="id" style={{ marginTop: 12 }} loading={devices.loading} dataSource={devices.data ?? []} pagination={false}
        columns={[
          { title: t('sync.deviceName'), dataIndex: 'name' },
          { title: t('sync.scopeKind'), render: (_, d) => `${t(`sync.scopes.${d.scopeKind as ScopeKind}`)}${d.scopeRef ? ` ${d.scopeRef}` : ''}` },
          { title: t('sync.peerId'), dataIndex: 'replicaId', render: (r: string | null) => r ?? '—' },
          { title: t('sync.lastSeen'), dataIndex: 'lastSeenAt', render: (s: string | null) => (s ? s.slice(0, 16).replace('T', ' ') : t('sync.never')) },
          {
            title: '', render: (_, d) => (d.revokedAt ? <Tag>{t('sync.revoked')}</Tag> : (
              <Popconfirm title={t('sync.revoke')} onConfirm={() => revoke(d.id)}><Button size="small" danger>{t('sync.revoke')}</Button></Popconfirm>
            )),
          },
        ]} />
      <Modal open={!!token} onCancel={() => setToken(undefined)} onOk={() => setToken(undefined)} title={t('sync.tokenOnce')} cancelButtonProps={{ style: { display: 'none' } }}>
        <Typography.Paragraph copyable code data-testid="device-token">{token}</Typography.Paragraph>
      </Modal>
    </Card>
  )
}
