/**
 * ECharts through echarts-for-react's core entry, with only the chart types the app draws registered, so the bundle
 * stays small. ECharts renders to a canvas and never evaluates strings, so it runs under `script-src 'self'`.
 */
import ReactEChartsCore from 'echarts-for-react/lib/core'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, HeatmapChart, PieChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, VisualMapComponent, TitleComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsOption } from 'echarts'

echarts.use([BarChart, LineChart, HeatmapChart, PieChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent,
  VisualMapComponent, TitleComponent, CanvasRenderer])

export function Chart({ option, height = 320, testId, onClick }: {
  option: EChartsOption; height?: number; testId?: string; onClick?: (params: { name: string; dataIndex: number; seriesIndex?: number }) => void
}) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate
        onEvents={onClick ? { click: onClick } : undefined} />
    </div>
  )
}
