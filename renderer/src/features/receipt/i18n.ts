/** Receipt page texts (`receipt.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  receipt: {
    title: '入库单',
    purchase: '采购入库',
    donation: '捐赠入库',
    expiredRow: '第 {{row}} 行（已过期 {{days}} 天）',
    listSeparator: '、',
    expiredConfirm: '以下物资在单据日期 {{date}} 已过期：{{rows}}。确定仍要入库吗？',
  },
} as const

export const en: Widen<typeof zh> = {
  receipt: {
    title: 'Receipt',
    purchase: 'Purchase',
    donation: 'Donation',
    expiredRow: 'line {{row}} ({{days}} days expired)',
    listSeparator: ', ',
    expiredConfirm: 'Already expired on the document date {{date}}: {{rows}}. Receive it anyway?',
  },
}
