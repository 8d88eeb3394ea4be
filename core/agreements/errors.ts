/** Agreements: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  AGREEMENT_TIER_REGION: { zh: () => '选了计入层级就要选计入区域：没有区域的协议在达标统计中不计入任何地方', en: () => 'An agreement with a tier needs a region: without one it counts nowhere in compliance' },
  CREDIT_CODE: {
    zh: (p) => `统一社会信用代码 ${p.code} 不正确：${p.problem === 'length' ? '应为 18 位' : p.problem === 'character' ? '含有不允许的字符（不使用 I、O、Z、S、V）' : '校验码不符'}`,
    en: (p) => `Credit code ${p.code} is invalid: ${p.problem === 'length' ? 'it must have 18 characters' : p.problem === 'character' ? 'it has a character that is not allowed (no I, O, Z, S, V)' : 'the check character does not match'}`,
  },
  CREDIT_CODE_TAKEN: { zh: (p) => `统一社会信用代码 ${p.code} 已登记为「${p.partner}」`, en: (p) => `Credit code ${p.code} is already registered for ${p.partner}` },
  AGREEMENT_DATES: { zh: () => '协议截止日期不能早于生效日期', en: () => 'The end date cannot be before the start date' },
  AGREEMENT_LINE: { zh: (p) => `${p.kind === 'transport' ? '运力' : '物资'}协议明细需填写${p.missing}`, en: (p) => `An agreement line needs a ${p.missingEn}` },
  ATTACHMENT_NO_FOLDER: { zh: () => '此安装没有数据文件夹，不能保存附件', en: () => 'This installation has no data folder to keep attachments in' },
  ATTACHMENT_EMPTY: { zh: () => '附件是空文件', en: () => 'The attachment is empty' },
  ATTACHMENT_TOO_LARGE: { zh: (p) => `附件不能超过 ${p.mb} MB`, en: (p) => `An attachment may be at most ${p.mb} MB` },
  ATTACHMENT_MISSING: { zh: (p) => `附件「${p.name}」的文件不在数据文件夹中`, en: (p) => `The file of attachment ${p.name} is missing from the data folder` },
  ATTACHMENT_ELSEWHERE: { zh: (p) => `附件「${p.name}」的文件在 ${p.office} 办公室，请到该办公室打开`, en: (p) => `The file of attachment ${p.name} is kept at the ${p.office} office: open it there` },
})
