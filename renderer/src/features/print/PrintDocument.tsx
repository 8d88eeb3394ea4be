/**
 * A posted document as the usual Chinese paper form: title (入库单 / 出库单 / 盘点单 …), number, date, site,
 * counterparty, the lines with a total, and the signature lines 经办人 / 保管员 / 负责人. Opened at #/print/<id>
 * (from the posted-result panel and the stock card); printed with the browser's print (the print stylesheet hides
 * everything but the form), which also saves to PDF.
 */
import { useState } from 'react'
import { Button, Space, Spin, message } from 'antd'
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { useSites } from '../../common/useReference'
import { LoadError } from '../../common/LoadError'
import { ApiError } from '../../api'

export const FORM_TITLES: Record<string, string> = {
  receipt: '入库单', return: '回收入库单', transfer_in: '调拨入库单', issue: '出库单', transfer_out: '调拨出库单',
  scrap: '报废单', expire: '过期核销单', stocktake: '盘点单', reversal: '冲销单',
}

/** Forms that take stock in: they print 生产日期, 单价 and 金额 as the receiving office files them. */
const RECEIPT_FORMS = new Set(['receipt', 'return', 'transfer_in'])

/** What the paper calls the other side: 供货单位 for a purchase, 捐赠单位 for a donation, 对方储备点 for a transfer. */
export function counterpartyLabel(type: string, subtype: string | null | undefined): string {
  if (type.startsWith('transfer')) return '对方储备点'
  if (type === 'receipt' && subtype?.includes('采购')) return '供货单位'
  if (type === 'receipt' && subtype?.includes('捐赠')) return '捐赠单位'
  if (type === 'issue') return '领用单位'
  return '对方单位'
}

/** Yuan with two decimals and thousands separators (12,345.60). */
export const yuan = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function PrintDocument({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const { data: doc, error, reload } = useApi('stock.document', { id })
  const [saving, setSaving] = useState(false)
  // Desktop: main prints this page to PDF (A4) into a file chosen in a save dialog. Browser: the print dialog does it.
  const bridge = typeof window !== 'undefined' ? window.reserveApi : undefined
  const savePdf = async (docNo: string) => {
    if (!bridge?.printToPdf) return
    setSaving(true)
    try {
      const r = await bridge.printToPdf(docNo, i18n.language === 'en' ? 'en' : 'zh')
      if (!r.ok) throw new ApiError(r.error)
      if (r.data.saved) void message.success(t('print.pdfSaved', { name: r.data.name ?? '' }))
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e))
    } finally {
      setSaving(false)
    }
  }
  const { sites } = useSites()
  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  if (!doc) return <div className="page"><Spin /></div>
  const siteName = (sid: string | null) => sites.find((s) => s.id === sid)?.name ?? sid ?? ''
  const isStocktake = doc.type === 'stocktake'
  const total = doc.lines.reduce((n, l) => n + Math.abs(l.quantity), 0)
  const isReceipt = RECEIPT_FORMS.has(doc.type)
  // 金额 totals only when every line has a price: a partial sum would pass for the whole receipt's value
  const amount = doc.lines.every((l) => l.unitCost != null) ? doc.lines.reduce((n, l) => n + (l.unitCost ?? 0) * l.quantity, 0) : null
  const counterparty = doc.counterpartySiteId ? siteName(doc.counterpartySiteId) : doc.counterparty ?? ''
  const title = doc.type === 'receipt' && doc.subtype === '期初入库' ? '期初入库单' : FORM_TITLES[doc.type] ?? doc.type
  return (
    <div className="print-page" data-testid="print-document">
      <Space className="no-print print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => history.back()}>{t('print.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('print.print')}</Button>
        {bridge?.printToPdf
          ? <Button icon={<FilePdfOutlined />} loading={saving} onClick={() => void savePdf(doc.docNo ?? '')} data-testid="print-pdf">{t('print.savePdf')}</Button>
          : <span className="print-hint">{t('print.hint')}</span>}
      </Space>
      <div className="paper-form">
        <h1 className="form-title" data-testid="form-title">{title}</h1>
        <div className="form-meta">
          <span>单据编号：<b data-testid="form-doc-no">{doc.docNo}</b></span>
          <span>日期：{doc.docDate}</span>
        </div>
        <div className="form-meta">
          <span>储备点：{siteName(doc.siteId)}</span>
          {counterparty && <span>{counterpartyLabel(doc.type, doc.subtype)}：{counterparty}</span>}
          {doc.subtype && <span>业务类型：{doc.subtype}</span>}
        </div>
        <table className="form-table">
          <thead>
            {isReceipt
              ? <tr><th>序号</th><th>物资名称</th><th>单位</th><th>批次号</th><th>生产日期</th><th>有效期至</th><th>数量</th><th>单价（元）</th><th>金额（元）</th><th>备注</th></tr>
              : <tr><th>序号</th><th>物资名称</th><th>单位</th><th>批次号</th><th>有效期至</th><th>{isStocktake ? '盘盈(+)/盘亏(−)' : '数量'}</th><th>备注</th></tr>}
          </thead>
          <tbody>
            {isReceipt
              ? doc.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td className="c">{l.lineNo}</td><td>{l.itemName}</td><td className="c">{l.unit}</td><td>{l.lotNo}</td>
                  <td className="c">{l.productionDate ?? ''}</td><td className="c">{l.expiryDate ?? ''}</td><td className="r">{l.quantity}</td>
                  <td className="r">{l.unitCost == null ? '' : yuan(l.unitCost)}</td><td className="r">{l.unitCost == null ? '' : yuan(l.unitCost * l.quantity)}</td><td>{l.note ?? ''}</td>
                </tr>
              ))
              : doc.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td className="c">{l.lineNo}</td><td>{l.itemName}</td><td className="c">{l.unit}</td><td>{l.lotNo}</td>
                  <td className="c">{l.expiryDate ?? ''}</td><td className="r">{isStocktake && l.quantity > 0 ? `+${l.quantity}` : l.quantity}</td><td>{l.note ?? ''}</td>
                </tr>
              ))}
            {isReceipt
              ? <tr className="form-total"><td className="c" colSpan={2}>合计</td><td colSpan={4}>{doc.lines.length} 行</td><td className="r" data-testid="form-total">{total}</td><td /><td className="r" data-testid="form-amount">{amount === null ? '' : yuan(amount)}</td><td /></tr>
              : <tr className="form-total"><td className="c" colSpan={2}>合计</td><td colSpan={3}>{doc.lines.length} 行</td><td className="r" data-testid="form-total">{total}</td><td /></tr>}
          </tbody>
        </table>
        {doc.reason && <p className="form-note">摘要：{doc.reason}</p>}
        <div className="form-signs">
          <span>经办人：{doc.handledBy ?? ''}</span><span>保管员：</span><span>负责人：</span>
        </div>
        <p className="form-footer">记账：{doc.authorName} · 应急物资储备网络</p>
      </div>
    </div>
  )
}
