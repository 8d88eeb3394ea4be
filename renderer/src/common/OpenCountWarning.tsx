/** Says so when the chosen site is being counted: a posting now would make the count disagree with the books. */
import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../api'
import { useApi } from './useApi'
import type { Site } from './types'

export function OpenCountWarning({ siteId, sites }: { siteId?: string; sites: Site[] }) {
  const { t } = useTranslation()
  const { data } = useApi('stocktake.openAt', { siteId: siteId ?? '' }, !!siteId)
  if (!siteId || !data) return null
  const site = sites.find((s) => s.id === siteId)?.name ?? siteId
  return <Alert type="warning" showIcon className="block-gap" data-testid="open-count-warning"
    title={t('depot.openCount', { site, date: data.openedOn })} />
}

/** Asks before posting at a site with an open count; true when there is none or the keeper confirms. */
export async function confirmIfCounting(siteId: string | undefined, question: string): Promise<boolean> {
  if (!siteId) return true
  const open = await api('stocktake.openAt', { siteId }).catch(() => null)
  return !open || window.confirm(question)
}
