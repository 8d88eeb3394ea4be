/**
 * The receipt's lines as an always-editable table: Tab walks the cells left to right, Enter in quantity or unit
 * cost adds a line (or moves to the next) and puts the cursor on its item.
 */
import { useRef } from 'react'
import { App, Button, Input, Table } from 'antd'
import { limit } from '../../common/textLimit'
import { NumberInput } from '../../common/NumberInput'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { DateText } from '../../common/DateText'
import { ItemSelect } from '../../common/ItemSelect'
import { fieldError, type PostError } from '../../common/postError'
import type { Item } from '../../common/types'
import { emptyReceiptLine, withSuggestedExpiry, type ReceiptDraftLine } from './receiptModel'
import { focusLineItem } from '../../common/focusLine'
import { afterScan, useLabelScan } from '../../common/useLabelScan'
import { itemOfLabel, lotOfLabel } from '../../common/scanLookup'

interface Props {
  lines: ReceiptDraftLine[]
  onChange: (lines: ReceiptDraftLine[]) => void
  items: Item[]
  byId: Map<string, Item>
  error?: PostError
}

export function ReceiptLines({ lines, onChange, items, byId, error }: Props) {
  const { t } = useTranslation()
  const update = (i: number, patch: Partial<ReceiptDraftLine>) => {
    const next = lines.slice()
    const merged = { ...next[i], ...patch }
    next[i] = 'expiryDate' in patch ? merged : withSuggestedExpiry(merged, byId.get(merged.itemId ?? ''))
    onChange(next)
  }
  const enterFrom = (i: number) => {
    if (i === lines.length - 1) onChange([...lines, emptyReceiptLine()])
    focusLineItem('receipt-lines', i + 1)
  }
  const status = (i: number, f: string) => fieldError(error, i, f)
  const { message } = App.useApp()
  const latest = useRef(lines)
  latest.current = lines
  const patchLine = (i: number, patch: Partial<ReceiptDraftLine>) => {
    const next = latest.current.slice()
    if (!next[i]) return
    const merged = { ...next[i], ...patch }
    next[i] = 'expiryDate' in patch ? merged : withSuggestedExpiry(merged, byId.get(merged.itemId ?? ''))
    latest.current = next
    onChange(next)
  }
  // a scanned lot label fills the item and lot number, and the lot's dates when the lot is already known
  const scan = useLabelScan((label, i, field, before) => {
    afterScan(field, 'receipt-lines', i)
    const item = itemOfLabel(label, items)
    if (!item) {
      // the scanner typed its code into the lot number: put back what was there
      if (field.getAttribute('data-testid') === `line-${i}-lot`) patchLine(i, { lotNo: before })
      void message.error(t('labels.scanUnknownItem', { code: label.itemCode }))
      return
    }
    patchLine(i, { itemId: item.id, lotNo: label.lotNo })
    lotOfLabel(label, item.id)
      .then((lot) => {
        if (!lot) return
        patchLine(i, {
          itemId: item.id, lotNo: label.lotNo, productionDate: lot.productionDate ?? '', expiryDate: lot.expiryDate ?? '', expirySuggested: false,
        })
      })
      .catch((e: unknown) => { void message.error(e instanceof Error ? e.message : String(e)) })
  })

  return (
    <div onKeyDownCapture={scan.onKeyDownCapture}>
      <Table<ReceiptDraftLine>
        className="doc-lines" data-testid="receipt-lines" size="small" pagination={false} rowKey="key" dataSource={lines}
        rowClassName={(_, i) => (error?.line === i ? 'line-error' : '')}
        onRow={(_, i) => ({ 'data-line': i } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: '#', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('doc.item'), width: 240,
            render: (_, l, i) => <ItemSelect items={items} value={l.itemId} status={status(i, 'itemId')} testId={`line-${i}-item`}
              onChange={(itemId) => update(i, { itemId })} />,
          },
          {
            title: t('doc.lotNo'), width: 150,
            render: (_, l, i) => <Input value={l.lotNo} status={status(i, 'lotNo')} data-testid={`line-${i}-lot`} count={limit(60)}
              onChange={(e) => update(i, { lotNo: e.target.value })} />,
          },
          {
            title: t('doc.productionDate'), width: 130,
            render: (_, l, i) => <DateText value={l.productionDate} status={status(i, 'productionDate')} testId={`line-${i}-production`}
              onChange={(productionDate) => update(i, { productionDate })} />,
          },
          {
            title: t('doc.expiryDate'), width: 140,
            render: (_, l, i) => (
              <>
                <DateText value={l.expiryDate} status={status(i, 'expiryDate')} testId={`line-${i}-expiry`}
                  onChange={(expiryDate) => update(i, { expiryDate, expirySuggested: false })} />
                {l.expirySuggested && <span className="cell-hint">{t('doc.suggested')}</span>}
              </>
            ),
          },
          {
            title: t('doc.quantity'), width: 110,
            render: (_, l, i) => <NumberInput value={l.quantity} status={status(i, 'quantity')} min={1} integer
              testId={`line-${i}-quantity`} aria-label={`${t('doc.quantity')} ${i + 1}`}
              onChange={(quantity) => update(i, { quantity })} onPressEnter={() => enterFrom(i)} />,
          },
          { title: t('doc.unit'), width: 60, render: (_, l) => <span data-testid="line-unit">{byId.get(l.itemId ?? '')?.unit ?? ''}</span> },
          {
            title: t('doc.unitCost'), width: 110,
            render: (_, l, i) => <NumberInput value={l.unitCost} status={status(i, 'unitCost')} min={0} decimals={2}
              testId={`line-${i}-cost`} aria-label={`${t('doc.unitCost')} ${i + 1}`} onChange={(unitCost) => update(i, { unitCost })}
              onPressEnter={() => enterFrom(i)} />,
          },
          {
            title: '', width: 48,
            render: (_, __, i) => <Button type="text" icon={<DeleteOutlined />} aria-label={t('doc.removeLine')} tabIndex={-1}
              disabled={lines.length === 1} onClick={() => onChange(lines.filter((_, j) => j !== i))} />,
          },
        ]}
      />
      <Button type="dashed" icon={<PlusOutlined />} className="block-gap" data-testid="add-line"
        onClick={() => { onChange([...lines, emptyReceiptLine()]); focusLineItem('receipt-lines', lines.length) }}>
        {t('doc.addLine')}
      </Button>
    </div>
  )
}
