/** Issue page texts (`issue.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  issue: {
    title: '出库单',
    reason: '事由',
    counterparty: '领用单位',
    lot: '批次',
    autoFefo: '自动（先到期先出）',
    fefo: '先到期先出建议',
    fefoLot: '批次',
    fefoExpiry: '有效期至',
    fefoAvailable: '现有',
    fefoTake: '出库',
    fefoKeeps: '剩余',
    accept: '采用建议',
    accepted: '已采用建议（{{n}} 个批次）',
    undo: '改回自动',
    short: '库存不足，还差 {{n}}',
    expiredSkipped: '另有已过期 {{n}} 未列入（过期物资应报废处理）',
    noStock: '该储备点没有此物资的可用库存',
    available: '可用 {{n}}',
  },
} as const

export const en: Widen<typeof zh> = {
  issue: {
    title: 'Issue',
    reason: 'Reason',
    counterparty: 'Recipient',
    lot: 'Lot',
    autoFefo: 'Automatic (first expiry first out)',
    fefo: 'First-expiry-first-out suggestion',
    fefoLot: 'Lot',
    fefoExpiry: 'Expires',
    fefoAvailable: 'On hand',
    fefoTake: 'Take',
    fefoKeeps: 'Remains',
    accept: 'Accept',
    accepted: 'Suggestion accepted ({{n}} lots)',
    undo: 'Back to automatic',
    short: 'Short by {{n}}',
    expiredSkipped: '{{n}} expired not included (expired stock is for write-off)',
    noStock: 'No usable stock of this item at this site',
    available: '{{n}} available',
  },
}
