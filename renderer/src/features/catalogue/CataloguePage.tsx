/** 目录与标准: the guidance catalogue, the targets per plan year, and the populations targets may depend on. */
import { Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ItemsTab } from './ItemsTab'
import { TargetsTab } from './TargetsTab'
import { PopulationTab } from './PopulationTab'
import { PlanTab } from './PlanTab'
import { CodeTreeTab } from './CodeTreeTab'

export function CataloguePage() {
  const { t } = useTranslation()
  return (
    <div className="page" data-testid="catalogue-page">
      <Typography.Title level={4} className="page-title">{t('catalogue.title')}</Typography.Title>
      <Tabs destroyOnHidden items={[
        { key: 'items', label: t('catalogue.tabItems'), children: <ItemsTab /> },
        { key: 'targets', label: t('catalogue.tabTargets'), children: <TargetsTab /> },
        { key: 'population', label: t('catalogue.tabPopulation'), children: <PopulationTab /> },
        { key: 'plan', label: t('plan.tab'), children: <PlanTab /> },
        { key: 'codes', label: t('nationalCodes.tab'), children: <CodeTreeTab /> },
      ]} />
    </div>
  )
}
