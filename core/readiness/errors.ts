/** Readiness: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { registerErrorTexts } from '../common/errors'

registerErrorTexts({
  READINESS_NO_POPULATION: { zh: (p) => `受灾区域「${p.names}」没有人口数据：请在目录 → 人口中填写，或直接填写紧急转移安置人口`, en: (p) => `The affected regions ${p.names} have no population: enter it under Catalogue → Population, or type the number of people to relocate` },
  READINESS_NO_NORMS: { zh: (p) => `灾种「${p.type}」还没有人均需求标准：请先在应急准备 → 需求标准中填写`, en: (p) => `Incident type ${p.type} has no per-person norms yet: enter them under Readiness → Norms first` },
  READINESS_REGION_OUTSIDE: { zh: (p) => `区域「${p.name}」不在本区（${p.district}）内`, en: (p) => `Region ${p.name} is not in this district (${p.district})` },
  READINESS_OUT_OF_SCOPE: { zh: (p) => `区域「${p.name}」不在您的管辖范围内`, en: (p) => `Region ${p.name} is outside your scope` },
})
