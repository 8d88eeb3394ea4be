/** The paged stock grid (AG Grid, Infinite Row Model) with expiry colouring. */
import { useMemo } from 'react'
import { AgGridReact, themeQuartz } from '../../common/grid'
import { type GridApi, type RowClassRules } from 'ag-grid-community'
import { useTranslation } from 'react-i18next'
import type { Balance } from '../../common/types'
import { agGridZh } from '../../i18n/agGridZh'
import { balanceDatasource } from './balanceDatasource'
import { stockColumns } from './columns'
import { expiryClass, type StockFilter } from './filters'

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontWeight: 600,
  headerBackgroundColor: '#f5f5f4',
  rowHeight: 34,
  headerHeight: 38,
  borderRadius: 4,
  wrapperBorderRadius: 6,
  accentColor: '#c2410c',
})

const rowClassRules: RowClassRules<Balance> = {
  'row-expired': (p) => expiryClass(p.data?.daysToExpiry) === 'expired',
  'row-near30': (p) => expiryClass(p.data?.daysToExpiry) === 'near30',
  'row-near90': (p) => expiryClass(p.data?.daysToExpiry) === 'near90',
}

interface Props { filter: StockFilter; onTotal: (n: number) => void; onError: (e: Error) => void; onGrid?: (grid: GridApi<Balance>) => void }

export function StockGrid({ filter, onTotal, onError, onGrid }: Props) {
  const { t, i18n } = useTranslation()
  const columnDefs = useMemo(() => stockColumns(t), [t, i18n.language])
  const datasource = useMemo(() => balanceDatasource(filter, onTotal, onError), [filter, onTotal, onError])
  return (
    <div className="stock-grid" data-testid="stock-grid">
      <AgGridReact<Balance>
        key={i18n.language}
        theme={theme}
        localeText={i18n.language === 'en' ? undefined : agGridZh}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={200}
        maxBlocksInCache={50}
        blockLoadDebounceMillis={60}
        getRowId={(p) => `${p.data.siteId}|${p.data.lotId}`}
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, suppressHeaderMenuButton: true }}
        rowClassRules={rowClassRules}
        enableCellTextSelection
        ensureDomOrder
        onGridReady={(e) => onGrid?.(e.api)}
      />
    </div>
  )
}
