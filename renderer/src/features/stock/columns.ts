/** Column definitions of the stock grid; sortable only where the server can sort. */
import type { ColDef } from 'ag-grid-community'
import type { TFunction } from 'i18next'
import type { Balance } from '../../common/types'
import { fmtNumber } from '../../common/format'
import { DaysCell } from './DaysCell'

const dash = (p: { value: unknown }) => (p.value == null || p.value === '' ? '—' : String(p.value))

export function stockColumns(t: TFunction): ColDef<Balance>[] {
  return [
    { colId: 'siteName', field: 'siteName', headerName: t('stock.cols.siteName'), sortable: true, minWidth: 170, flex: 2 },
    { colId: 'itemCode', field: 'itemCode', headerName: t('stock.cols.itemCode'), sortable: true, width: 96 },
    { colId: 'itemName', field: 'itemName', headerName: t('stock.cols.itemName'), sortable: true, minWidth: 110, flex: 1.2 },
    { colId: 'category', field: 'category', headerName: t('stock.cols.category'), sortable: true, width: 92 },
    { colId: 'lotNo', field: 'lotNo', headerName: t('stock.cols.lotNo'), sortable: true, width: 128 },
    { colId: 'productionDate', field: 'productionDate', headerName: t('stock.cols.productionDate'), sortable: false, width: 106, valueFormatter: dash },
    { colId: 'expiryDate', field: 'expiryDate', headerName: t('stock.cols.expiryDate'), sortable: true, width: 106, valueFormatter: dash },
    { colId: 'daysToExpiry', field: 'daysToExpiry', headerName: t('stock.cols.daysToExpiry'), sortable: true, width: 150, cellRenderer: DaysCell },
    {
      colId: 'quantity', field: 'quantity', headerName: t('stock.cols.quantity'), sortable: true, width: 96, type: 'rightAligned',
      valueFormatter: (p) => fmtNumber(p.value as number | null),
    },
    { colId: 'unit', field: 'unit', headerName: t('stock.cols.unit'), sortable: false, width: 64 },
  ]
}
