/** The board's orders to xlsx, as the board lists them (Board.tsx fetches every page under its state filter). */
import type { TFunction } from 'i18next'
import { tableSheet } from '../../common/tableExport'
import type { XlsxSheet } from '../../../../core/common/xlsx'
import type { OrderListRow } from '../../../../core/dispatch/transfers'

type BoardOrder = OrderListRow

export function ordersSheet(t: TFunction, stateLabel: string, orders: readonly BoardOrder[]): XlsxSheet {
  return tableSheet(t('dispatch.orders'), [
    { header: t('dispatch.orderNo'), value: (o) => o.orderNo, width: 24 },
    { header: t('dispatch.state'), value: (o) => t(`dispatch.state_${o.state}`) },
    { header: t('dispatch.from'), value: (o) => o.fromName, width: 26 },
    { header: t('dispatch.to'), value: (o) => o.toName, width: 26 },
    { header: t('dispatch.lines'), value: (o) => o.lines, number: true },
    { header: t('dispatch.shipped'), value: (o) => o.shipped, number: true },
    { header: t('dispatch.received'), value: (o) => o.received, number: true },
    { header: t('dispatch.inTransit'), value: (o) => o.inTransit, number: true },
    { header: t('dispatch.overdue'), value: (o) => (o.overdue ? t('dispatch.overdue') : '') },
  ], orders, { title: t('dispatch.orders'), facts: [[t('dispatch.state'), stateLabel]] })
}
