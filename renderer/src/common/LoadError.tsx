import { Alert, Button } from 'antd'
import { useTranslation } from 'react-i18next'

/** A failed load: the api's message and a retry button. */
export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <Alert type="error" showIcon title={t('app.loadFailed')} description={error.message}
      action={<Button size="small" onClick={onRetry}>{t('app.retry')}</Button>} />
  )
}
