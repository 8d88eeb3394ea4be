/** Lot and site label printing and label scanning texts (`labels.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  labels: {
    open: '打印标签',
    openSite: '打印本点标签',
    openAllSites: '打印全部储备点标签',
    lotsOf: '{{site}} · 批次标签',
    sites: '储备点标签',
    count: '共 {{n}} 张',
    hint: '每页 3 × 8 张（A4），可在打印对话框中另存为 PDF',
    none: '没有可打印的标签（该储备点没有库存批次）',
    itemCode: '编码',
    lot: '批次',
    expiry: '有效期至',
    noExpiry: '无',
    siteCode: '代码',
    keeper: '保管员',
    scanUnknownItem: '扫码失败：物资编码 {{code}} 不在物资目录中',
    scanPickSite: '请先选择储备点，再扫描批次标签',
    scanLotNotHere: '本储备点没有批次 {{lot}} 的库存，已按先到期先出',
    pickSite: '请先选择储备点',
  },
} as const

export const en: Widen<typeof zh> = {
  labels: {
    open: 'Print labels',
    openSite: 'Print this site\'s label',
    openAllSites: 'Print all site labels',
    lotsOf: '{{site}} · lot labels',
    sites: 'Site labels',
    count: '{{n}} labels',
    hint: '3 × 8 per A4 page; choose "Save as PDF" in the print dialog for a PDF',
    none: 'Nothing to print (no lots in stock at this site)',
    itemCode: 'Code',
    lot: 'Lot',
    expiry: 'Expires',
    noExpiry: 'none',
    siteCode: 'Code',
    keeper: 'Keeper',
    scanUnknownItem: 'Scan failed: item code {{code}} is not in the catalogue',
    scanPickSite: 'Choose the site first, then scan the lot label',
    scanLotNotHere: 'This site holds no stock of lot {{lot}}; first-expiry-first-out is used',
    pickSite: 'Choose a site first',
  },
}
