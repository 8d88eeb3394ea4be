/** Texts of the "arrives in a later version" placeholder page (`later.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  later: {
    title: '{{area}} 将在后续版本中提供',
    tag: '后续版本',
    backHome: '返回总览',
    stocktake: '盘点：按储备点生成盘点表（可导出 Excel 填写），录入实盘数量后自动计算盈亏并生成盘点单，经审核后过账调整库存。',
    stockcard: '台账：按储备点、物资和批次查看每一笔入库、出库、调拨、盘点和冲销记录及结存，可追溯到原始单据，并可导出。',
    alerts: '预警：集中列出已过期、临期、低于储备标准和长期未盘点的物资与储备点，支持按街镇分派处理并跟踪处理结果。',
    catalogue: '目录与标准：维护应急物资指导目录（编码、规格、单位、保质期），并按区、街镇、社区三级设置储备标准和年度计划。',
    coverage: '覆盖与达标：按街镇和村居统计储备点覆盖情况和各类物资对照标准的达标率，生成可报送的统计报表。',
    agreements: '协议储备：登记与企业签订的协议储备（品种、数量、响应时限、有效期），到期前提醒续签，需要时一键发起调用。',
    dispatch: '灾情调度：登记灾情事件，按就近和先到期先出原则生成调拨方案，下发出库与调拨单并跟踪物资到位情况。',
    sync: '数据同步：区、街镇、社区各安装点之间离线录入、联网后自动同步，显示同步状态和冲突处理记录。',
    users: '用户与权限：管理用户账号、角色（管理员、保管员、计划员、调度员）和可操作的储备点范围。',
    settings: '设置：单位信息、单据编号规则、临期天数阈值、备份与恢复、打印格式等系统设置。',
  },
} as const

export const en: Widen<typeof zh> = {
  later: {
    title: '{{area}} arrives in a later version',
    tag: 'Later version',
    backHome: 'Back to dashboard',
    stocktake: 'Stocktake: count sheets per site (exportable to Excel), enter counted quantities, see gains and losses, and post an approved stocktake document.',
    stockcard: 'Stock card: every receipt, issue, transfer, count and reversal per site, item and lot with running balance, traceable to its document and exportable.',
    alerts: 'Alerts: expired and near-expiry lots, stock below target and sites not counted for long, assigned to streets and tracked to resolution.',
    catalogue: 'Catalogue & targets: maintain the item catalogue (codes, specs, units, shelf life) and the reserve targets per tier and plan year.',
    coverage: 'Coverage & compliance: site coverage of streets and communities and compliance with targets per item category, as reports.',
    agreements: 'Agreements: reserves held by companies under agreement (items, quantities, response time, term), renewal reminders and call-off.',
    dispatch: 'Dispatch: record incidents, plan transfers by proximity and first-expiry-first-out, issue the documents and track arrival.',
    sync: 'Sync: installations at district, street and community level work offline and synchronise when connected, with status and conflict log.',
    users: 'Users & roles: accounts, roles (admin, keeper, planner, dispatcher) and the sites each may act on.',
    settings: 'Settings: organisation details, document numbering, near-expiry thresholds, backup and restore, print layouts.',
  },
}
