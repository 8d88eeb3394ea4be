/** The issue's lines: item, quantity, lot (automatic FEFO or chosen), with the FEFO suggestion under each line. */
import { useRef } from 'react'
import { App, Button, Table } from 'antd'
import { NumberInput } from '../../common/NumberInput'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ItemSelect } from '../../common/ItemSelect'
import { fieldError, type PostError } from '../../common/postError'
import { focusLineItem } from '../../common/focusLine'
import { afterScan, useLabelScan } from '../../common/useLabelScan'
import { itemOfLabel, lotOfLabel } from '../../common/scanLookup'
import type { Item } from '../../common/types'
import { emptyIssueLine, type IssueDraftLine } from './issueModel'
import { LotSelect } from './LotSelect'
import { FefoSuggestion } from './FefoSuggestion'

interface Props {
  siteId?: string
  lines: IssueDraftLine[]
  onChange: (lines: IssueDraftLine[]) => void
  items: Item[]
  byId: Map<string, Item>
  error?: PostError
  /** write-offs name their lot: no first-expiry-first-out suggestion */
  noFefo?: boolean
  testId?: string
}

export function IssueLines({ siteId, lines, onChange, items, byId, error, noFefo, testId = 'issue-lines' }: Props) {
  const { t } = useTranslation()
  const update = (i: number, patch: Partial<IssueDraftLine>) => {
    const next = lines.slice()
    next[i] = { ...next[i], ...patch }
    onChange(next)
  }
  const enterFrom = (i: number) => {
    if (i === lines.length - 1) onChange([...lines, emptyIssueLine()])
    focusLineItem(testId, i + 1)
  }
  const status = (i: number, f: string) => fieldError(error, i, f)
  const { message } = App.useApp()
  const latest = useRef(lines)
  latest.current = lines
  const patchLine = (i: number, patch: Partial<IssueDraftLine>) => {
    const next = latest.current.slice()
    if (!next[i]) return
    next[i] = { ...next[i], ...patch }
    latest.current = next
    onChange(next)
  }
  // a scanned lot label fills the item and that lot at this site
  const scan = useLabelScan((label, i, field) => {
    afterScan(field, testId, i)
    const item = itemOfLabel(label, items)
    if (!item) { void message.error(t('labels.scanUnknownItem', { code: label.itemCode })); return }
    patchLine(i, { itemId: item.id, lotId: undefined, accepted: undefined })
    if (!siteId) { void message.warning(t('labels.scanPickSite')); return }
    lotOfLabel(label, item.id, siteId)
      .then((lot) => {
        if (lot) patchLine(i, { itemId: item.id, lotId: lot.lotId, accepted: undefined })
        else void message.warning(t('labels.scanLotNotHere', { lot: label.lotNo }))
      })
      .catch((e: unknown) => { void message.error(e instanceof Error ? e.message : String(e)) })
  })
  const unitOf = (l: IssueDraftLine) => byId.get(l.itemId ?? '')?.unit ?? ''

  return (
    <div onKeyDownCapture={scan.onKeyDownCapture}>
      <Table<IssueDraftLine>
        className="doc-lines" data-testid={testId} size="small" pagination={false} rowKey="key" dataSource={lines}
        rowClassName={(_, i) => (error?.line === i ? 'line-error' : '')}
        onRow={(_, i) => ({ 'data-line': i } as React.HTMLAttributes<HTMLElement>)}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: noFefo ? [] : lines.filter((l) => l.itemId && !l.lotId).map((l) => l.key),
          expandedRowRender: (l, i) => (
            <FefoSuggestion siteId={siteId} itemId={l.itemId} quantity={typeof l.quantity === 'number' ? l.quantity : null} unit={unitOf(l)} accepted={l.accepted}
              testId={`line-${i}-fefo`} onAccept={(accepted) => update(i, { accepted })} onUndo={() => update(i, { accepted: undefined })} />
          ),
        }}
        columns={[
          { title: '#', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('doc.item'), width: 260,
            render: (_, l, i) => <ItemSelect items={items} value={l.itemId} status={status(i, 'itemId')} testId={`line-${i}-item`}
              onChange={(itemId) => update(i, { itemId, lotId: undefined, accepted: undefined })} />,
          },
          {
            title: t('doc.quantity'), width: 120,
            render: (_, l, i) => <NumberInput value={l.quantity} status={status(i, 'quantity')} min={1} integer
              testId={`line-${i}-quantity`} aria-label={`${t('doc.quantity')} ${i + 1}`}
              onChange={(quantity) => update(i, { quantity, accepted: undefined })}
              onPressEnter={() => enterFrom(i)} />,
          },
          { title: t('doc.unit'), width: 60, render: (_, l) => unitOf(l) },
          {
            title: t('issue.lot'),
            render: (_, l, i) => <LotSelect siteId={siteId} itemId={l.itemId} value={l.lotId} status={status(i, 'lotId')}
              testId={`line-${i}-lotselect`} onChange={(lotId) => update(i, { lotId, accepted: undefined })} />,
          },
          {
            title: '', width: 48,
            render: (_, __, i) => <Button type="text" icon={<DeleteOutlined />} aria-label={t('doc.removeLine')} tabIndex={-1}
              disabled={lines.length === 1} onClick={() => onChange(lines.filter((_, j) => j !== i))} />,
          },
        ]}
      />
      <Button type="dashed" icon={<PlusOutlined />} className="block-gap" data-testid="add-line"
        onClick={() => { onChange([...lines, emptyIssueLine()]); focusLineItem(testId, lines.length) }}>
        {t('doc.addLine')}
      </Button>
    </div>
  )
}
