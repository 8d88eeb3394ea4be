/**
 * A transfer order as the paper 调拨单 an office files: number, incident, 调出 / 调入, vehicle and driver, the lines
 * (requested, allocated, shipped, received), the approver and approval date, the print date, and the signature lines
 * 调出方 / 承运人 / 接收方. Its own page (#/print-order/<id>) like the stock forms, so the PDF holds the form only —
 * never the drawer's close button or the board behind it. The 打印 button has the focus when the page opens: Enter
 * prints; Escape goes back to the board.
 */
import { useEffect } from 'react'
import { Button, Space, Spin } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'

const STATE_ZH: Record<string, string> = {
  draft: '草稿', approved: '已审批', dispatched: '已发运', partly_received: '部分签收', received: '已签收', closed: '已关闭', cancelled: '已作废',
}

export function PrintOrder({ id }: { id: string }) {
  const { t } = useTranslation()
  const { data: o, error, reload } = useApi('transfer.get', { id })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') history.back() }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  if (error) return <div className="page"><LoadError error={error} onRetry={reload} /></div>
  if (!o) return <div className="page"><Spin /></div>
  const sum = (k: 'requested' | 'allocated' | 'shipped' | 'received') => o.lines.reduce((n, l) => n + l[k], 0)
  return (
    <div className="print-page" data-testid="print-order">
      <Space className="no-print print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => history.back()} data-testid="print-back">{t('print.back')}</Button>
        <Button type="primary" autoFocus icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('print.print')}</Button>
        <span className="print-hint">{t('print.hint')}</span>
      </Space>
      <div className="paper-form">
        <h1 className="form-title" data-testid="form-title">调拨单</h1>
        <div className="form-meta">
          <span>调拨单号：<b data-testid="form-doc-no">{o.orderNo}</b></span>
          <span>状态：{STATE_ZH[o.state] ?? o.state}</span>
        </div>
        <div className="form-meta">
          <span>灾情：{o.incidentName ?? ''}</span>
          <span>打印日期：<span data-testid="form-print-date">{dayjs().format('YYYY-MM-DD')}</span></span>
        </div>
        <div className="form-meta">
          <span>调出方：{o.fromName ?? ''}</span>
          <span>调入方：{o.toName ?? ''}</span>
        </div>
        <div className="form-meta">
          <span>车辆：{o.vehicle ?? ''}</span>
          <span>驾驶员：{o.driver ?? ''}</span>
        </div>
        <table className="form-table">
          <thead>
            <tr><th>序号</th><th>物资编码</th><th>物资名称</th><th>单位</th><th>批次号</th><th>有效期至</th><th>申请</th><th>分配</th><th>发运</th><th>签收</th></tr>
          </thead>
          <tbody>
            {o.lines.map((l) => (
              <tr key={l.lineNo}>
                <td className="c">{l.lineNo}</td><td>{l.itemCode}</td><td>{l.itemName}</td><td className="c">{l.unit}</td><td>{l.lotNo ?? ''}</td>
                <td className="c">{l.expiryDate ?? ''}</td><td className="r">{l.requested}</td><td className="r">{l.allocated}</td>
                <td className="r">{l.shipped}</td><td className="r">{l.received}</td>
              </tr>
            ))}
            <tr className="form-total">
              <td className="c" colSpan={2}>合计</td><td colSpan={4}>{o.lines.length} 行</td>
              <td className="r">{sum('requested')}</td><td className="r" data-testid="form-total">{sum('allocated')}</td>
              <td className="r">{sum('shipped')}</td><td className="r">{sum('received')}</td>
            </tr>
          </tbody>
        </table>
        {o.note && <p className="form-note">备注：{o.note}</p>}
        <div className="form-meta">
          <span>审批人：<span data-testid="form-approver">{o.approvedByName ?? ''}</span></span>
          <span>审批日期：{o.approvedByAt ? dayjs(o.approvedByAt).format('YYYY-MM-DD') : ''}</span>
        </div>
        <div className="form-signs">
          <span>调出方（签字）：</span><span>承运人（签字）：</span><span>接收方（签字）：</span>
        </div>
        <p className="form-footer">应急物资储备网络</p>
      </div>
    </div>
  )
}
