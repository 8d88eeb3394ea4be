/** The annual plan summed per GB/T 38565 大类 (issue 18): lines, quantity and budget, the unclassified apart. */
import { Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MethodOutput } from '../../../../core/api/handlers'

type PlanClass = MethodOutput<'plan.annual'>['classes'][number]
const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

export function PlanByClass({ classes }: { classes: PlanClass[] }) {
  const { t } = useTranslation()
  return (
    <div className="block-gap" data-testid="plan-by-class">
      <Typography.Text strong>{t('nationalCodes.planByClass')}</Typography.Text>
      <Table size="small" pagination={false} rowKey={(c) => c.code ?? 'none'} dataSource={classes} style={{ maxWidth: 640 }}
        columns={[
          { title: t('nationalCodes.className'), key: 'name', render: (_: unknown, c) => (c.code ? `${c.code} ${c.name}` : t('nationalCodes.classUnclassified')) },
          { title: t('nationalCodes.lines'), dataIndex: 'lines', align: 'right', width: 90 },
          { title: t('nationalCodes.quantity'), dataIndex: 'quantity', align: 'right', width: 110 },
          { title: t('nationalCodes.budget'), dataIndex: 'budget', align: 'right', width: 140, render: (b: number) => money(b) },
        ]} />
    </div>
  )
}
