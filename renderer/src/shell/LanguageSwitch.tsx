import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLanguage, type Lang } from '../i18n'

/** 中文 / English, remembered on this computer. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation()
  return (
    <Segmented<Lang>
      aria-label={t('app.language')}
      data-testid="language-switch"
      value={i18n.language === 'en' ? 'en' : 'zh'}
      options={[{ label: '中文', value: 'zh' }, { label: 'English', value: 'en' }]}
      onChange={(v) => setLanguage(v)}
    />
  )
}
