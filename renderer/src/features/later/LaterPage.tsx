/** An area that is planned but not built yet: says so plainly and what it will do. */
import { Button, Result, Tag, Typography } from 'antd'
import { ClockCircleOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { LaterKey } from '../../routes'
import { navigate } from '../../common/useHashRoute'

export function LaterPage({ area }: { area: LaterKey }) {
  const { t } = useTranslation()
  return (
    <div className="page" data-testid="later-page">
      <Result
        icon={<ClockCircleOutlined />}
        title={<span data-testid="later-title">{t('later.title', { area: t(`nav.${area}`) })}</span>}
        subTitle={<Tag color="default">{t('later.tag')}</Tag>}
        extra={<Button onClick={() => navigate('dashboard')}>{t('later.backHome')}</Button>}
      >
        <Typography.Paragraph className="later-text" data-testid="later-text">{t(`later.${area}`)}</Typography.Paragraph>
      </Result>
    </div>
  )
}
