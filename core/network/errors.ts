/** The network: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  SITE_CODE_TAKEN: { zh: (p) => `编码 ${p.code} 已被储备点「${p.site}」使用`, en: (p) => `Code ${p.code} is already used by site ${p.site}` },
  SITE_TIER_REGION: {
    zh: (p) => `${p.tier === 'district' ? '区级储备库应位于区' : p.tier === 'street' ? '街镇储备库应位于街镇' : '社区储备点应位于村居'}，「${p.region}」不符`,
    en: (p) => `A ${p.tier} site must stand in a ${p.tier === 'community' ? 'community' : p.tier} region, not in ${p.region}`,
  },
  SITE_SERVES_COMMUNITY: { zh: (p) => `服务范围只能是村居，${p.code} 不是村居`, en: (p) => `A site can only serve communities; ${p.code} is not one` },
  SITE_DATES: { zh: () => '停用日期不能早于启用日期', en: () => 'The closing date cannot be before the opening date' },
  SITE_ALREADY_CLOSED: { zh: (p) => `储备点 ${p.site} 已经停用`, en: (p) => `Site ${p.site} is already closed` },
  SITE_NOT_CLOSED: { zh: (p) => `储备点 ${p.site} 正在启用中`, en: (p) => `Site ${p.site} is not closed` },
  DIVISIONS_MISSING: { zh: () => '安装包中缺少区划数据文件', en: () => 'The division data file is missing from the installation' },
  DISTRICT_UNKNOWN: { zh: (p) => `区划数据中没有代码为 ${p.code} 的区县`, en: (p) => `No district with code ${p.code} in the division data` },
})
