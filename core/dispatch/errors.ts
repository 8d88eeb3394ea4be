/** Dispatch: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  INCIDENT_END_BEFORE_START: { zh: () => '结束时间不能早于开始时间', en: () => 'The end cannot be before the start' },
  TRANSITION_REFUSED: { zh: (p) => `${p.order}：${p.zh}`, en: (p) => `${p.order}: ${p.en}` },
  ORDER_SOURCE_REQUIRED: { zh: () => '请选择调出储备点或协议企业（只选一个）', en: () => 'Choose one source: a site or an agreement partner' },
  ORDER_DESTINATION_REQUIRED: { zh: () => '请选择调入储备点或填写送达地址', en: () => 'Choose a destination site or give an address' },
  ORDER_SAME_SITE: { zh: () => '调出和调入不能是同一个储备点', en: () => 'Source and destination cannot be the same site' },
  ALLOCATED_OVER_REQUESTED: {
    zh: (p) => `分配数量 ${p.allocated} 超过申请数量 ${p.requested}`, en: (p) => `Allocated ${p.allocated} is more than requested ${p.requested}`,
  },
  AGREEMENT_ITEM_MISSING: { zh: (p) => `协议 ${p.agreement} 不包含 ${p.item}`, en: (p) => `Agreement ${p.agreement} does not cover ${p.item}` },
  AGREEMENT_EXCEEDED: {
    zh: (p) => `协议 ${p.agreement} 的 ${p.item} 只剩 ${p.left} ${p.unit} 可调用，不能调用 ${p.requested} ${p.unit}`,
    en: (p) => `Agreement ${p.agreement} has only ${p.left} ${p.unit} of ${p.item} left to call up, not ${p.requested}`,
  },
  AGREEMENT_NOT_ACTIVE: {
    zh: (p) => `协议 ${p.agreement} 不在有效期内（${p.from} 至 ${p.to}）或未生效`, en: (p) => `Agreement ${p.agreement} is not in force (${p.from} to ${p.to})`,
  },
  REQUEST_NOT_OPEN: { zh: (p) => `需求申报 ${p.request} 已满足或已撤销，不能再生成调拨单`, en: (p) => `Request ${p.request} is fulfilled or cancelled: no more orders can be made for it` },
  REQUEST_ALREADY_PLANNED: { zh: (p) => `需求申报 ${p.request} 的物资已全部安排调拨单`, en: (p) => `Every item of request ${p.request} is already on an order` },
  ORDER_NOTHING_ALLOCATED: { zh: (p) => `调拨单 ${p.order} 没有已分配的物资`, en: (p) => `Order ${p.order} has nothing allocated` },
  RECEIVED_OVER_SHIPPED: { zh: (p) => `实收 ${p.received} 超过发运数量 ${p.shipped}`, en: (p) => `Received ${p.received} is more than shipped ${p.shipped}` },
  SHORTFALL_REASON_REQUIRED: {
    zh: (p) => `短缺 ${p.shortfall}，请选择原因（破损、丢失、少发）`, en: (p) => `Short by ${p.shortfall}: choose a reason (damaged, lost, short-shipped)`,
  },
})
