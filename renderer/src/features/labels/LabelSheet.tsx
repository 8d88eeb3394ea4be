/**
 * A printable A4 sheet of labels: 3 × 8 per page, each with the QR code of `core/stock/labels.ts` and the text a keeper
 * reads without a scanner (item name and code, lot, expiry — or the site's name and code). Printed from the browser
 * (the print stylesheet keeps only the labels), which also saves to PDF.
 */
import { useEffect, useState } from 'react'
import { Alert, Button, Empty, Progress, Space, Spin } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { labelCode, siteLabelCode } from '../../../../core/stock/labels'
import { useSites } from '../../common/useReference'
import type { Balance } from '../../common/types'
import { QrCode } from './QrCode'
import { fetchAllBalances } from './fetchAll'
import type { LabelTarget } from './useLabelTarget'

interface Label { key: string; code: string; title: string; lines: string[] }

function useLotLabels(target: LabelTarget) {
  const [rows, setRows] = useState<Balance[]>()
  const [error, setError] = useState<Error>()
  const [progress, setProgress] = useState<[number, number]>()
  useEffect(() => {
    if (target.kind !== 'lots') return
    let live = true
    fetchAllBalances({ siteId: target.siteId, itemId: target.itemId, expiry: 'all' }, (d, t) => live && setProgress([d, t]))
      .then((r) => live && setRows(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))))
    return () => { live = false }
  }, [target])
  return { rows, error, progress }
}

export function LabelSheet({ target }: { target: LabelTarget }) {
  const { t } = useTranslation()
  const { sites } = useSites()
  const lots = useLotLabels(target)
  let labels: Label[] | undefined
  let heading = ''
  if (target.kind === 'lots') {
    const site = sites.find((s) => s.id === target.siteId)
    heading = t('labels.lotsOf', { site: site?.name ?? target.siteId })
    labels = lots.rows?.filter((r) => r.quantity > 0).map((r) => ({
      key: `${r.siteId}|${r.lotId}`,
      code: labelCode(r.itemCode, r.lotNo),
      title: r.itemName,
      lines: [`${t('labels.itemCode')}：${r.itemCode}`, `${t('labels.lot')}：${r.lotNo}`, `${t('labels.expiry')}：${r.expiryDate ?? t('labels.noExpiry')}`],
    }))
  } else {
    heading = t('labels.sites')
    const chosen = target.siteIds === 'all' ? sites : sites.filter((s) => (target.siteIds as string[]).includes(s.id))
    labels = sites.length ? chosen.map((s) => ({
      key: s.id, code: siteLabelCode(s.code), title: s.name,
      lines: [`${t('labels.siteCode')}：${s.code}`, s.keeper ? `${t('labels.keeper')}：${s.keeper}` : ''].filter(Boolean),
    })) : undefined
  }
  return (
    <div className="print-page" data-testid="label-sheet">
      <Space className="no-print print-toolbar" wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => history.back()}>{t('print.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!labels?.length} onClick={() => window.print()} data-testid="labels-print">
          {t('print.print')}
        </Button>
        <span data-testid="labels-heading"><b>{heading}</b>{labels && ` · ${t('labels.count', { n: labels.length })}`}</span>
        <span className="print-hint">{t('labels.hint')}</span>
      </Space>
      {lots.error && <Alert type="error" showIcon title={lots.error.message} className="no-print" />}
      {!labels && !lots.error && (
        <div className="no-print">{lots.progress && lots.progress[1] > 0
          ? <Progress percent={Math.round((lots.progress[0] / lots.progress[1]) * 100)} style={{ maxWidth: 400 }} />
          : <Spin />}</div>
      )}
      {labels && labels.length === 0 && <Empty description={t('labels.none')} />}
      {labels && labels.length > 0 && (
        <div className="label-paper">
          {labels.map((l) => (
            <div className="label-cell" key={l.key} data-testid="label">
              <QrCode text={l.code} />
              <div className="label-text">
                <div className="label-title" data-testid="label-title">{l.title}</div>
                {l.lines.map((x) => <div key={x} className="label-line">{x}</div>)}
                <div className="label-code mono" data-testid="label-code">{l.code}</div>
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
