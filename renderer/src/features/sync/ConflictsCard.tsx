/**
 * 冲突与待核对: each case as a sentence with names instead of ids (what sync.conflicts returns, see
 * core/system/conflict-view.ts), and where there is one, the direct action: reverse a duplicate transfer
 * document (then resolved), open the stock card of a negative balance, rename a site whose code is held twice.
 */
import { useEffect, useRef, useState } from 'react'
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Tooltip } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { api, newDocumentId } from '../../api'
import type { Loaded } from '../../common/useApi'
import type { MethodOutput } from '../../../../core/api/handlers'
import { navigate } from '../../common/useHashRoute'
import { todayIso } from '../../common/DocHeaderFields'
import { useCurrentUser } from '../auth/useAuth'
import { openStockCard } from '../stockcard/stockCardTarget'
import { REVERSIBLE_KINDS, reverseDuplicate } from './reconcile'

type Row = MethodOutput<'sync.conflicts'>[number]

/** One case in the reader's language. */
export function conflictSentence(t: TFunction, r: Row): string {
  const d = (r.detail ?? {}) as Record<string, unknown>
  const state = (s: unknown): string => (typeof s === 'string' ? String(t(`dispatch.state_${s}` as never, { defaultValue: s })) : '')
  switch (r.kind) {
    case 'lww':
      return t('sync.say.lww', {
        entity: t(`sync.entities.${r.entity}` as never, { defaultValue: r.entity }), subject: r.subject ?? r.entityId,
        field: r.fieldLabel ?? r.field ?? '', winner: r.winnerText ?? '', loser: r.loserText ?? '',
      })
    case 'negative_stock':
      return t('sync.say.negative_stock', {
        site: r.site?.name ?? '', item: r.item ? [r.item.code, r.item.name].filter(Boolean).join(' ') : '', lot: r.lot?.lotNo ?? '',
        balance: String(d.balance ?? ''),
      })
    case 'clock_skew':
      return t('sync.say.clock_skew', { replica: r.replica ?? r.entityId, date: r.date ?? '' })
    case 'stocktake_posted_twice':
    case 'stocktake_posted_and_cancelled':
      return t(`sync.say.${r.kind}`, { site: r.site?.name ?? r.entityId, date: r.date ?? '', docNo: r.docNo ?? '—' })
    case 'transfer_cancel_overridden':
      return t('sync.say.transfer_cancel_overridden', { orderNo: r.orderNo ?? r.entityId, state: state(d.cancelledFrom) })
    case 'transfer_step_refused':
      return t('sync.say.transfer_step_refused', {
        orderNo: r.orderNo ?? r.entityId, action: String(t(`sync.actions.${String(d.action)}` as never, { defaultValue: String(d.action) })), state: state(d.state),
      })
    case 'transfer_double_receipt':
    case 'transfer_double_dispatch':
      return t(`sync.say.${r.kind}`, { orderNo: r.orderNo ?? r.entityId, kept: r.keptDocNo ?? '—', dup: r.duplicate?.docNo ?? '—' })
        + (r.duplicate?.reversedByDocNo ? t('sync.say.reversedBy', { docNo: r.duplicate.reversedByDocNo }) : '')
    case 'event_refused':
      return t(d.reason === 'own_replica' ? 'sync.say.event_refused_own' : 'sync.say.event_refused_conflict', {
        id: r.entityId, type: String(d.type ?? ''), replica: String(d.replicaId ?? ''),
      })
    case 'item_code': {
      const items = (d as { items?: Array<{ id: string; name: string }> }).items ?? []
      return t('sync.itemCodeClash', { code: r.entityId, items: items.map((x) => `${x.name}（${x.id}）`).join('、') })
    }
    case 'site_code': {
      const sites = (d as { sites?: Array<{ id: string; name: string }> }).sites ?? []
      return t('sync.siteCodeClash', { code: r.entityId, sites: sites.map((x) => `${x.name}（${x.id}）`).join('、') })
    }
    default:
      return `${r.entity} ${r.subject ?? r.entityId}${r.field ? ` · ${r.fieldLabel ?? r.field}` : ''} ${JSON.stringify(r.detail)}`
  }
}

export function ConflictsCard({ conflicts, openCount, onChanged }: { conflicts: Loaded<Row[]>; openCount: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const user = useCurrentUser()
  const [busy, setBusy] = useState<string>()
  // labels and values come in the answer's language: ask again when the reader switches
  const { reload } = conflicts
  const shownIn = useRef(i18n.language)
  useEffect(() => {
    if (shownIn.current === i18n.language) return
    shownIn.current = i18n.language
    reload()
  }, [i18n.language, reload])

  const admin = user.roles.includes('admin')
  const canResolve = admin || user.roles.includes('planner')
  const canReverse = admin || (user.roles.includes('keeper') && user.roles.includes('planner'))

  const act = async (id: string, f: () => Promise<void>) => {
    setBusy(id)
    try { await f() } catch (e) { message.error((e as Error).message) } finally { setBusy(undefined); conflicts.reload(); onChanged() }
  }
  const resolve = (r: Row, note?: string) => act(r.id, async () => {
    await api('sync.resolveConflict', { id: r.id, note })
    message.success(t('sync.resolved'))
  })
  const reverse = (r: Row) => act(r.id, async () => {
    const dup = r.duplicate!.docNo
    const { reversalDocNo } = await reverseDuplicate(api, r, {
      reversalId: newDocumentId(), docDate: todayIso(), reason: t('sync.reverseReason', { orderNo: r.orderNo ?? r.entityId }),
      note: (docNo) => t('sync.reverseNote', { dup, docNo }),
    })
    message.success(t('sync.reversed', { docNo: reversalDocNo }))
  })

  const actions = (r: Row) => {
    if (r.kind === 'site_code') return <Button size="small" onClick={() => navigate('network')}>{t('sync.renameSite')}</Button>
    if (r.kind === 'item_code') return <Button size="small" onClick={() => navigate('catalogue')}>{t('sync.renameItem')}</Button>
    const resolveButton = (
      <Button size="small" disabled={!canResolve} loading={busy === r.id} onClick={() => void resolve(r)} data-testid="conflict-resolve">{t('sync.resolve')}</Button>
    )
    if ((REVERSIBLE_KINDS as readonly string[]).includes(r.kind) && r.duplicate && !r.duplicate.reversedByDocNo) {
      const button = (
        <Button size="small" type="primary" danger disabled={!canReverse} loading={busy === r.id} data-testid="conflict-reverse">{t('sync.reverseDup')}</Button>
      )
      return (
        <Space wrap>
          {canReverse ? (
            <Popconfirm title={t('sync.reverseConfirmTitle', { docNo: r.duplicate.docNo })} description={<div style={{ maxWidth: 360 }}>{t('sync.reverseConfirm', { docNo: r.duplicate.docNo })}</div>}
              onConfirm={() => reverse(r)} okText={t('sync.reverseDup')} okButtonProps={{ danger: true, ...{ 'data-testid': 'conflict-reverse-ok' } }}>
              {button}
            </Popconfirm>
          ) : <Tooltip title={t('sync.reverseNeedsRoles')}>{button}</Tooltip>}
          {resolveButton}
        </Space>
      )
    }
    if (r.kind === 'transfer_double_receipt' || r.kind === 'transfer_double_dispatch') {
      // already reversed (e.g. the resolve failed after the reversal): resolve naming that reversal
      const by = r.duplicate?.reversedByDocNo
      return by
        ? <Button size="small" disabled={!canResolve} loading={busy === r.id} onClick={() => void resolve(r, t('sync.reverseNote', { dup: r.duplicate!.docNo, docNo: by }))}>{t('sync.resolve')}</Button>
        : resolveButton
    }
    if (r.kind === 'negative_stock' && r.site && r.item) {
      const { site, item } = r
      return (
        <Space wrap>
          {/* no resolve: the entry goes by itself once a stocktake or a correcting document brings the balance back */}
          <Button size="small" onClick={() => openStockCard(site.id, item.id)} data-testid="conflict-stockcard">{t('sync.openStockCard')}</Button>
        </Space>
      )
    }
    return resolveButton
  }

  return (
    <Card size="small" title={`${t('sync.conflicts')}（${openCount}）`} style={{ marginTop: 16 }}>
      {conflicts.data && conflicts.data.length === 0 ? <Empty description={t('sync.noConflicts')} /> : (
        <Table size="small" rowKey="id" data-testid="sync-conflicts" loading={conflicts.loading} dataSource={conflicts.data ?? []}
          columns={[
            {
              title: t('sync.kind'), dataIndex: 'kind', width: 200,
              render: (k: string) => <Tag color={k === 'negative_stock' ? 'red' : 'orange'} style={{ whiteSpace: 'normal' }}>{t(`sync.kinds.${k}` as 'sync.kinds.lww', { defaultValue: k })}</Tag>,
            },
            { title: t('sync.detail'), render: (_, r) => <span data-testid="conflict-text">{conflictSentence(t, r)}</span> },
            { title: t('sync.createdAt'), dataIndex: 'createdAt', width: 110, render: (s: string) => s.slice(0, 10) },
            { title: '', width: 200, render: (_, r) => actions(r) },
          ]} />
      )}
    </Card>
  )
}
