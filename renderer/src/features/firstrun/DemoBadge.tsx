/** The header's mark of a demo installation (试用演示数据): shown on every page of a demo, never on a real one. */
import { useEffect, useState } from 'react'
import { Tag, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'

export function DemoBadge() {
  const { t } = useTranslation()
  const [demo, setDemo] = useState(false)
  useEffect(() => {
    let live = true
    api('firstrun.status', {}).then((s) => { if (live) setDemo(s.demo) }, () => undefined)
    return () => { live = false }
  }, [])
  if (!demo) return null
  return (
    <Tooltip title={t('firstrun.demoTagTip')}>
      <Tag color="orange" data-testid="demo-badge">{t('firstrun.demoTag')}</Tag>
    </Tooltip>
  )
}
