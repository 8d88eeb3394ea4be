/** 覆盖与达标: community coverage and, per site, stock against the catalogue's targets. */
import { Tabs, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { CoverageTab } from './CoverageTab'
import { ComplianceTab } from './ComplianceTab'

export function CoveragePage() {
  const { t } = useTranslation()
  return (
    <div className="page" data-testid="coverage-page">
      <Typography.Title level={4} className="page-title">{t('coverage.title')}</Typography.Title>
      <Tabs destroyOnHidden items={[
        { key: 'coverage', label: t('coverage.tabCoverage'), children: <CoverageTab /> },
        { key: 'compliance', label: t('compliance.tab'), children: <ComplianceTab /> },
      ]} />
    </div>
  )
}
