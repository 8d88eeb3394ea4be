/** Stock: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  INSUFFICIENT_STOCK: {
    zh: (p) => `库存不足：${p.site} 的 ${p.item}${p.lot ? `（批次 ${p.lot}）` : ''} 现有 ${p.available} ${p.unit}，不能出库 ${p.requested} ${p.unit}`,
    en: (p) => `Not enough stock: ${p.site} holds ${p.available} ${p.unit} of ${p.item}${p.lot ? ` (lot ${p.lot})` : ''}, cannot issue ${p.requested}`,
  },
  LOT_MISMATCH: {
    zh: (p) => `批次 ${p.lot} 已登记的${p.fieldZh}为 ${p.existing}，与本次填写的 ${p.given} 不一致`,
    en: (p) => `Lot ${p.lot} is recorded with ${p.field} ${p.existing}, not ${p.given}`,
  },
  LOT_REQUIRED: {
    zh: (p) => `${p.item} 需要填写批次号`,
    en: (p) => `${p.item} needs a lot number`,
  },
  EXPIRY_BEFORE_PRODUCTION: {
    zh: () => '有效期不能早于生产日期',
    en: () => 'Expiry date cannot be before production date',
  },
  LOT_ITEM_MISMATCH: {
    zh: (p) => `批次 ${p.lot} 不属于物资 ${p.item}`,
    en: (p) => `Lot ${p.lot} does not belong to item ${p.item}`,
  },
  SITE_CLOSED: { zh: (p) => `储备点 ${p.site} 已停用，不能过账`, en: (p) => `Site ${p.site} is closed` },
  DOCUMENT_ID_REUSED: {
    zh: () => '该单据编号已用于另一张内容不同的单据',
    en: () => 'This document id was already used for a different document',
  },
  TRANSFER_SAME_SITE: { zh: () => '调出和调入不能是同一个储备点', en: () => 'A transfer needs two different sites' },
  LOT_NOT_EXPIRED: {
    zh: (p) => `批次 ${p.lot} 有效期至 ${p.expiry}，尚未过期，不能按过期报损；请改用报废`,
    en: (p) => `Lot ${p.lot} expires on ${p.expiry} and has not expired; write it off as scrap instead`,
  },
  ITEM_NOT_RETURNABLE: {
    zh: (p) => `${p.item} 不是可回收物资，不能回收入库；消耗品请做核销`,
    en: (p) => `${p.item} is not returnable: write consumables off instead of returning them`,
  },
  STOCKTAKE_ALREADY_OPEN: { zh: (p) => `${p.site} 已有一个未完成的盘点，请先完成或作废`, en: (p) => `${p.site} already has an open stocktake` },
  STOCKTAKE_CLOSED: { zh: () => '该盘点已过账或作废，不能再修改', en: () => 'This stocktake is already posted or cancelled' },
  STOCKTAKE_REASON_REQUIRED: { zh: (p) => `第 ${p.line} 行有盘盈或盘亏，请填写原因`, en: (p) => `Line ${p.line} has a variance and needs a reason` },
  ALERT_NEAR_AFTER_FAR: { zh: (p) => `近效期天数（${p.near}）不能大于临期天数（${p.far}）`, en: (p) => `The near window (${p.near} days) cannot exceed the far window (${p.far} days)` },
  IMPORT_UNKNOWN_ITEM: { zh: (p) => `第 ${p.row} 行 ${p.field}：目录中没有物资“${p.value}”`, en: (p) => `Row ${p.row}, ${p.field}: no item "${p.value}" in the catalogue` },
  IMPORT_NAME_MISMATCH: { zh: (p) => `第 ${p.row} 行 ${p.field}：编码 ${p.code} 是“${p.expected}”，不是“${p.value}”`, en: (p) => `Row ${p.row}, ${p.field}: code ${p.code} is "${p.expected}", not "${p.value}"` },
  IMPORT_WRONG_UNIT: { zh: (p) => `第 ${p.row} 行 ${p.field}：${p.item} 的单位是“${p.expected}”，不是“${p.value}”`, en: (p) => `Row ${p.row}, ${p.field}: ${p.item} is counted in "${p.expected}", not "${p.value}"` },
  IMPORT_BAD_DATE: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”不是有效日期`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" is not a real date` },
  IMPORT_DUPLICATE: { zh: (p) => `第 ${p.row} 行 ${p.field}：与第 ${p.first} 行的物资和批次重复`, en: (p) => `Row ${p.row}, ${p.field}: same item and lot as row ${p.first}` },
  IMPORT_UNKNOWN_SITE: { zh: (p) => `第 ${p.row} 行 储备点：没有编码或名称为“${p.value}”的储备点`, en: (p) => `Row ${p.row}, site: no site with the code or name "${p.value}"` },
  IMPORT_OTHER_SITE: { zh: (p) => `第 ${p.row} 行 储备点：此行属于“${p.value}”，不是页面所选的“${p.chosen}”；请按储备点分别导入`, en: (p) => `Row ${p.row}, site: this row is for "${p.value}", not "${p.chosen}" chosen on the page; import each site on its own` },
  WRITEOFF_NEEDS_APPROVAL: {
    zh: (p) => `${p.site} 是街道储备点，报废须经区级审批：请提交报废申请`,
    en: (p) => `${p.site} is a street depot: a scrap write-off needs the district's approval, so submit a write-off request`,
  },
  WRITEOFF_NOT_PENDING: { zh: (p) => `报废申请 ${p.id} 已${p.zh}，不能再审批或退回`, en: (p) => `Write-off request ${p.id} is already ${p.en}; it can no longer be approved or returned` },
  WRITEOFF_NOT_STREET: { zh: (p) => `${p.site} 不是街道储备点，报废不需申请，可直接核销`, en: (p) => `${p.site} is not a street depot: write off directly, no request is needed` },
  WRITEOFF_RETURN_NOTE: { zh: () => '退回时请写明原因', en: () => 'Say why when returning a request' },
})
