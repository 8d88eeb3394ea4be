/** Dashboard texts (`dashboard.*`) and its planning overview (`planning.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  dashboard: {
    title: '总览',
    sites: '储备库点',
    sitesHint: '区级 {{district}} · 街镇 {{street}} · 社区 {{community}}',
    coverage: '村居覆盖',
    coverageHint: '已覆盖 {{covered}} / {{total}} 个村居',
    stockLines: '库存记录',
    stockLinesHint: '储备点 × 物资 × 批次',
    expired: '已过期批次',
    near30: '30 天内到期',
    near90: '90 天内到期',
    streetCoverage: '各街镇村居覆盖',
    street: '街镇',
    communities: '村居数',
    covered: '已覆盖',
    rate: '覆盖率',
    viewStock: '查看库存',
  },
  planning: {
    title: '规划总览',
    coverage: '村居覆盖率',
    compliance: '物资达标率',
    expiring: '临期物资价值（元）',
    agreements: '储备协议',
    buckets: { expired: '已过期', d30: '30天内', d90: '31–90天', d180: '91–180天' },
    physical: '仅实物',
    combined: '实物+协议',
  },
} as const

export const en: Widen<typeof zh> = {
  dashboard: {
    title: 'Dashboard',
    sites: 'Sites',
    sitesHint: 'district {{district}} · street {{street}} · community {{community}}',
    coverage: 'Community coverage',
    coverageHint: '{{covered}} of {{total}} communities covered',
    stockLines: 'Stock lines',
    stockLinesHint: 'site × item × lot',
    expired: 'Expired lots',
    near30: 'Expiring within 30 days',
    near90: 'Expiring within 90 days',
    streetCoverage: 'Coverage by street/town',
    street: 'Street/town',
    communities: 'Communities',
    covered: 'Covered',
    rate: 'Rate',
    viewStock: 'View stock',
  },
  planning: {
    title: 'Planning overview',
    coverage: 'Community coverage',
    compliance: 'Compliance',
    expiring: 'Value expiring (CNY)',
    agreements: 'Agreements',
    buckets: { expired: 'Expired', d30: '≤ 30 days', d90: '31–90 days', d180: '91–180 days' },
    physical: 'Stock only',
    combined: 'Stock + agreements',
  },
}
