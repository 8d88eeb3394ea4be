/**
 * For the hub's administrator: register a device (its token is shown once), list devices, revoke one. What a device
 * may write for is picked in the network tree: the district, a street/town, or one site (communities only group
 * their sites: a device is not scoped to a community).
 */
import { useMemo, useState } from 'react'
import { App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, TreeSelect, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import type { Site, Tree } from '../../common/types'

type ScopeKind = 'district' | 'street' | 'site'

/** a tree-select value: `district`, `street:<code>` or `site:<id>` */
type ScopeValue = string
const parseScope = (v: ScopeValue): { scopeKind: ScopeKind; scopeRef?: string } => {
  const [kind, ...rest] = v.split(':')
  return kind === 'district' ? { scopeKind: 'district' } : { scopeKind: kind as ScopeKind, scopeRef: rest.join(':') }
}

interface ScopeNode { value: string; title: string; selectable?: boolean; children?: ScopeNode[] }

function scopeTree(tree: Tree, t: TFunction): ScopeNode[] {
  if (!tree.district) return []
  const site = (s: Site): ScopeNode => ({ value: `site:${s.id}`, title: `${s.name}（${t('sync.scopes.site')}）` })
  return [{
    value: 'district',
    title: `${tree.district.name}（${t('sync.scopes.district')}）`,
    children: [
      ...tree.districtSites.map(site),
      ...tree.streets.map((st): ScopeNode => ({
        value: `street:${st.code}`,
        title: `${st.name}（${t('sync.scopes.street')}）`,
        children: [
          ...st.sites.map(site),
          ...st.communities.filter((c) => c.sites.length).map((c): ScopeNode => ({
            value: `community:${c.code}`, title: c.name, selectable: false, children: c.sites.map(site),
          })),
        ],
      })),
    ],
  }]
}

/** names of the streets and sites in the tree, for the device list */
function scopeNames(tree: Tree | undefined): Map<string, string> {
  const names = new Map<string, string>()
  if (!tree) return names
  for (const s of tree.districtSites) names.set(s.id, s.name)
  for (const st of tree.streets) {
    names.set(st.code, st.name)
    for (const s of st.sites) names.set(s.id, s.name)
    for (const c of st.communities) for (const s of c.sites) names.set(s.id, s.name)
  }
  return names
}

export function DevicesCard() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const devices = useApi('sync.devices', {})
  const network = useApi('network.tree', {})
  const [form] = Form.useForm<{ name: string; scope: ScopeValue }>()
  const [token, setToken] = useState<string>()
  const treeData = useMemo(() => (network.data ? scopeTree(network.data, t) : []), [network.data, t, i18n.language])
  const names = useMemo(() => scopeNames(network.data), [network.data])
  if (devices.error) return null // not an administrator, or not a hub

  const register = async (v: { name: string; scope: ScopeValue }) => {
    try {
      const r = await api('sync.registerDevice', { name: v.name.trim(), ...parseScope(v.scope) })
      setToken(r.token)
      form.resetFields()
    } catch (e) { message.error((e as Error).message) } finally { devices.reload() }
  }
  const revoke = async (id: string) => {
    try { await api('sync.revokeDevice', { id }); message.success(t('sync.revoked')) } catch (e) { message.error((e as Error).message) } finally { devices.reload() }
  }
  return (
    <Card size="small" title={t('sync.devices')} style={{ marginTop: 16 }} data-testid="sync-devices">
      <Form form={form} layout="inline" onFinish={register}>
        <Form.Item name="name" label={t('sync.deviceName')} rules={[{ required: true, whitespace: true, message: t('sync.deviceNameRequired') }]}>
          <Input data-testid="device-name" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="scope" label={t('sync.scopeKind')} rules={[{ required: true, message: t('sync.scopeRequired') }]}>
          <TreeSelect data-testid="device-scope" style={{ width: 280 }} treeData={treeData} loading={network.loading}
            placeholder={t('sync.scopePlaceholder')} treeDefaultExpandedKeys={['district']} popupMatchSelectWidth={360}
            showSearch={{ treeNodeFilterProp: 'title' }} allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="device-register">{t('sync.register')}</Button>
      </Form>
      <Table size="small" rowKey="id" style={{ marginTop: 12 }} loading={devices.loading} dataSource={devices.data ?? []} pagination={false}
        columns={[
          { title: t('sync.deviceName'), dataIndex: 'name' },
          {
            title: t('sync.scopeKind'),
            render: (_, d) => `${t(`sync.scopes.${d.scopeKind as ScopeKind}`)}${d.scopeRef ? ` ${names.get(d.scopeRef) ?? d.scopeRef}` : ''}`,
          },
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
