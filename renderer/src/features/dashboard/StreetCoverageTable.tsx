import { Progress, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { percent } from '../../common/format'
import type { Tree } from '../../common/types'

/** Communities covered per street/town, least covered first so gaps stand out. */
export function StreetCoverageTable({ tree }: { tree: Tree }) {
  const { t } = useTranslation()
  const rows = tree.streets.map((s) => {
    const counted = s.communities.filter((c) => c.counted)
    const covered = counted.filter((c) => c.covered).length
    return { key: s.code, name: s.name, total: counted.length, covered, rate: percent(covered, counted.length) }
  }).filter((r) => r.total > 0) // special zones whose only community is NBS's placeholder have nothing to cover
    .sort((a, b) => a.rate - b.rate)
  return (
    <Table size="small" pagination={false} dataSource={rows} scroll={{ y: 360 }}
      columns={[
        { title: t('dashboard.street'), dataIndex: 'name' },
        { title: t('dashboard.communities'), dataIndex: 'total', align: 'right', width: 100 },
        { title: t('dashboard.covered'), dataIndex: 'covered', align: 'right', width: 100 },
        {
          title: t('dashboard.rate'), dataIndex: 'rate', width: 260,
          render: (r: number) => <Progress percent={r} size="small" status={r < 60 ? 'exception' : r < 100 ? 'normal' : 'success'} />,
        },
      ]} />
  )
}
