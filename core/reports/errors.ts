/** Reports that go up: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  REPORT_NOT_YOURS: { zh: (p) => `只能报送本级的报表：${p.region} 不在您的管辖范围内`, en: (p) => `You may only submit your own level's reports: ${p.region} is outside your scope` },
  REPORT_NOT_DUE_YET: { zh: (p) => `${p.kind}（${p.subject}）的报告期尚未结束，${p.from} 起才能报送`, en: (p) => `The period of ${p.kindEn} (${p.subject}) has not ended; it can be submitted from ${p.from}` },
  REPORT_SUBJECT_UNKNOWN: { zh: (p) => `找不到报表对象：${p.subject}（${p.kind}）`, en: (p) => `No such report subject: ${p.subject} (${p.kindEn})` },
  REPORT_SUBJECT_ELSEWHERE: { zh: (p) => `${p.subject} 不属于 ${p.region}，不能由其报送`, en: (p) => `${p.subject} does not belong to ${p.region}, which cannot report it` },
  REPORT_PENDING: { zh: (p) => `${p.kind}（${p.subject}）第 ${p.version} 版已报送，等待上级审核，审核退回后才能重新报送`, en: (p) => `Version ${p.version} of ${p.kindEn} (${p.subject}) awaits review; resubmit only after it is returned` },
  REPORT_APPROVED: { zh: (p) => `${p.kind}（${p.subject}）第 ${p.version} 版已审核通过，不能再报送`, en: (p) => `Version ${p.version} of ${p.kindEn} (${p.subject}) is approved; it cannot be resubmitted` },
  REPORT_DECIDED: { zh: (p) => `该报表（第 ${p.version} 版）已于 ${p.on} ${p.status}，不能再次审核`, en: (p) => `This report (version ${p.version}) was already ${p.statusEn} on ${p.on}` },
  REPORT_NOT_RECEIVER: { zh: (p) => `只有接收单位（${p.receiver}）可以审核该报表`, en: (p) => `Only the receiver (${p.receiverEn}) may review this report` },
  REPORT_RETURN_REASON: { zh: () => '退回必须填写退回原因', en: () => 'A return needs a reason' },
  REPORT_KIND_LEVEL: { zh: (p) => `${p.kind}由区级报送，街镇不报送`, en: (p) => `${p.kindEn} is submitted by the district, not by a street` },
})
