/** Receipt page texts (`receipt.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  receipt: {
    title: '入库单',
    purchase: '采购入库',
    donation: '捐赠入库',
  },
} as const

export const en: Widen<typeof zh> = {
  receipt: {
    title: 'Receipt',
    purchase: 'Purchase',
    donation: 'Donation',
  },
}
