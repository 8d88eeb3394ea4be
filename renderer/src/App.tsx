/** Providers (antd locale and theme follow the language) around the frame and the current page. */
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import enUS from 'antd/locale/en_US'
import { useTranslation } from 'react-i18next'
import { AppFrame } from './shell/AppFrame'
import { PageSwitch } from './shell/PageSwitch'
import { useHashRoute } from './common/useHashRoute'
import { AuthProvider } from './features/auth/useAuth'
import { AuthGate } from './features/auth/AuthGate'
import { usePrintTarget } from './features/print/usePrintTarget'
import { PrintDocument } from './features/print/PrintDocument'
import { useOrderPrintTarget } from './features/print/usePrintTarget'
import { PrintOrder } from './features/print/PrintOrder'
import { useLabelTarget } from './features/labels/useLabelTarget'
import { LabelSheet } from './features/labels/LabelSheet'

const theme = {
  token: {
    colorPrimary: '#c2410c',
    borderRadius: 4,
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", system-ui, sans-serif',
  },
}

export function App() {
  const { i18n } = useTranslation()
  const route = useHashRoute()
  const printId = usePrintTarget()
  const printOrderId = useOrderPrintTarget()
  const labels = useLabelTarget()
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <AuthProvider>
          <AuthGate>
            {printId ? <PrintDocument key={printId} id={printId} /> : printOrderId ? <PrintOrder key={printOrderId} id={printOrderId} /> : labels ? <LabelSheet target={labels} /> : (
              <AppFrame route={route}>
                <PageSwitch route={route} />
              </AppFrame>
            )}
          </AuthGate>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  )
}
