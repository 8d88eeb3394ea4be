/** The foot of every document form: the api's error (naming row and field), 过账 and 重置. */
import { Alert, Button } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PostError } from './postError'

export function DocActions({ error, posting, onPost, onReset }: {
  error?: PostError; posting: boolean; onPost: () => void; onReset: () => void
}) {
  const { t } = useTranslation()
  return (
    <>
      {error && <Alert type="error" showIcon title={t('doc.error')} description={<span data-testid="post-error">{error.message}</span>} className="block-gap" />}
      <div className="doc-actions">
        <Button type="primary" onClick={onPost} loading={posting} data-testid="post">{t('doc.post')}</Button>
        <Button onClick={onReset}>{t('doc.reset')}</Button>
      </div>
    </>
  )
}
