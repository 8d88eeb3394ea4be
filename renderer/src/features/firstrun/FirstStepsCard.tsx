/**
 * The first steps of a new district network on the dashboard (issue 19): import or add the sites, import the opening
 * stock, set the populations, check the targets — each shown until done, the card gone once all are. Only district
 * planners and administrators see it (firstrun.steps).
 */
import { useCallback, useEffect, useState } from 'react'
import { Button, Card, List, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import type { MethodOutput } from '../../../../core/api/handlers'
import { navigate } from '../../common/useHashRoute'
import { useCurrentUser } from '../auth/useAuth'
import type { RouteKey } from '../../routes'

type Steps = MethodOutput<'firstrun.steps'>
const STEPS = [
  { key: 'sites', label: 'firstrun.stepSites', hint: 'firstrun.stepSitesHint', route: 'network' },
  { key: 'stock', label: 'firstrun.stepStock', hint: 'firstrun.stepStockHint', route: 'import' },
  { key: 'populations', label: 'firstrun.stepPopulations', hint: 'firstrun.stepPopulationsHint', route: 'catalogue' },
  { key: 'targets', label: 'firstrun.stepTargets', hint: 'firstrun.stepTargetsHint', route: 'catalogue' },
] as const satisfies ReadonlyArray<{ key: keyof Steps['steps']; label: string; hint: string; route: RouteKey }>

export function FirstStepsCard() {
  const { t } = useTranslation()
  const user = useCurrentUser()
  const allowed = user.roles.includes('admin') || (user.roles.includes('planner') && user.scope.kind === 'district')
  const [steps, setSteps] = useState<Steps>()
  const load = useCallback(async () => { try { setSteps(await api('firstrun.steps', {})) } catch { setSteps(undefined) } }, [])
  useEffect(() => { if (allowed) void load() }, [allowed, load])
  if (!allowed || !steps?.applies || steps.done) return null
  return (
    <Card title={t('firstrun.stepsTitle')} size="small" data-testid="first-steps" className="block-gap">
      <Typography.Paragraph type="secondary">{t('firstrun.stepsHint')}</Typography.Paragraph>
      <List dataSource={[...STEPS]} renderItem={(s) => (
        <List.Item data-testid={`first-step-${s.key}`} data-done={steps.steps[s.key] ? 'yes' : 'no'} actions={steps.steps[s.key]
          ? [<Tag color="green" key="done">{t('firstrun.done')}</Tag>]
          : [
            <Button key="go" size="small" onClick={() => navigate(s.route)}>{t('firstrun.go')}</Button>,
            ...(s.key === 'targets' ? [<Button key="ok" size="small" type="primary" data-testid="first-step-targets-checked"
              onClick={() => void api('firstrun.targetsChecked', {}).then(setSteps)}>{t('firstrun.targetsChecked')}</Button>] : []),
          ]}>
          <List.Item.Meta title={t(s.label)} description={t(s.hint)} />
        </List.Item>
      )} />
    </Card>
  )
}
