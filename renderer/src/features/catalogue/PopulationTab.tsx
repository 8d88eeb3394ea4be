/** 区域人口: the populations per-1 000-residents targets use; edit in place or paste two columns from Excel. */
import { useState } from 'react'
import { Alert, App, Button, Input, Modal, Table, Typography } from 'antd'
import { NumberCell } from '../../common/NumberInput'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import { parsePopulation } from './parsePopulation'

export function PopulationTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, error, reload } = useApi('catalogue.regions', {})
  const [paste, setPaste] = useState<string | null>(null)
  const [problem, setProblem] = useState<string>()
  if (error) return <LoadError error={error} onRetry={reload} />
  const rows = data ?? []

  async function setOne(code: string, population: number | null) {
    try { await api('catalogue.setPopulations', { rows: [{ code, population }] }); reload() } catch (e) { void message.error(e instanceof Error ? e.message : String(e)) }
  }
  async function importPaste() {
    const parsed = parsePopulation(paste ?? '')
    if (!parsed.ok) { setProblem(t('catalogue.populationBad', { row: parsed.row, text: parsed.text })); return }
    try {
      const r = await api('catalogue.setPopulations', { rows: parsed.rows })
      void message.success(t('catalogue.populationImported', { n: r.updated }))
      setPaste(null)
      reload()
    } catch (e) { setProblem(e instanceof Error ? e.message : String(e)) }
  }
  return (
    <>
      <Button className="block-gap" onClick={() => { setPaste(''); setProblem(undefined) }} data-testid="population-paste">{t('catalogue.populationImport')}</Button>
      <Table size="small" rowKey="code" loading={!data} dataSource={rows} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="population-table"
        columns={[
          { title: t('coverage.code'), dataIndex: 'code', width: 150 },
          { title: t('catalogue.regionName'), dataIndex: 'name' },
          { title: t('catalogue.level'), dataIndex: 'level', width: 90, render: (l: 'district' | 'street' | 'community' | 'city') => t(`catalogue.levels.${l}`) },
          { title: t('catalogue.population'), dataIndex: 'population', width: 160, render: (p: number | null, r) => (
            <NumberCell size="small" integer min={0} value={p} allowEmpty style={{ width: 130 }} aria-label={`${t('catalogue.population')} ${r.name}`}
              testId={`population-${r.code}`} onCommit={(n) => void setOne(r.code, n)} />
          ) },
        ]} />
      <Modal open={paste !== null} title={t('catalogue.populationImport')} onCancel={() => setPaste(null)} onOk={() => void importPaste()}
        okText={t('catalogue.save')} cancelText={t('catalogue.cancel')} okButtonProps={{ 'data-testid': 'population-import' } as Record<string, string>}>
        <Typography.Paragraph type="secondary">{t('catalogue.populationHint')}</Typography.Paragraph>
        {problem && <Alert type="error" showIcon title={problem} className="block-gap" />}
        <Input.TextArea rows={10} value={paste ?? ''} onChange={(e) => setPaste(e.target.value)} data-testid="population-text" />
      </Modal>
    </>
  )
}
