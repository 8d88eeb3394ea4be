/** The catalogue: the errors a person can cause here, in both languages (core/common/errors.ts renders them). */
import { at, atEn, registerErrorTexts } from '../common/errors'

registerErrorTexts({
  ITEM_CODE_TAKEN: { zh: (p) => `物资编码 ${p.code} 已被「${p.item}」使用`, en: (p) => `Item code ${p.code} is already used by ${p.item}` },
  TARGET_SITE_TIER: { zh: () => '单点调整的储备点层级与标准的层级不一致', en: () => "The site's tier differs from the target's tier" },
  TARGET_MINIMUM: { zh: () => '最低储备量不能大于标准数量', en: () => 'The minimum cannot exceed the target quantity' },
  TARGET_DUPLICATE: { zh: () => '该年度、层级和物资已有同一范围的储备标准', en: () => 'There is already a target for this year, tier, item and scope' },
  CATALOGUE_YEAR_EXISTS: { zh: (p) => `${p.year} 年度已有目录版本，请直接修改`, en: (p) => `Plan year ${p.year} already has its catalogue version; edit it instead` },
  CATALOGUE_YEAR_SAME: { zh: (p) => `不能把 ${p.year} 年度目录复制到它自己`, en: (p) => `Cannot copy plan year ${p.year}'s catalogue onto itself` },
  IMPORT_REQUIRED: { zh: (p) => `第 ${p.row} 行 ${p.field}：不能为空`, en: (p) => `Row ${p.row}, ${p.field}: must not be empty` },
  IMPORT_TOO_LONG: { zh: (p) => `第 ${p.row} 行 ${p.field}：超过 ${p.max} 个字`, en: (p) => `Row ${p.row}, ${p.field}: longer than ${p.max} characters` },
  IMPORT_BAD_YESNO: { zh: (p) => `第 ${p.row} 行 ${p.field}：“${p.value}”应为“是”或“否”`, en: (p) => `Row ${p.row}, ${p.field}: "${p.value}" should be yes or no (是/否)` },
  IMPORT_DUPLICATE_CODE: { zh: (p) => `第 ${p.row} 行 ${p.field}：与第 ${p.first} 行的物资编码重复`, en: (p) => `Row ${p.row}, ${p.field}: same item code as row ${p.first}` },
  TARGET_YEAR_EXISTS: { zh: (p) => `${p.year} 年度已有储备标准`, en: (p) => `Plan year ${p.year} already has targets` },
  NATIONAL_CODE_FORMAT: {
    zh: (p) => `${at(p)}国家分类编码“${p.value}”应为 1、3、5 或 7 位数字（大类 1 位，中类、小类、细类各 2 位，如 1、101、10101、1010101）`,
    en: (p) => `${atEn(p)}national code "${p.value}" must be 1, 3, 5 or 7 digits (1 for the major class, 2 each for class, subclass and detail class: 1, 101, 10101, 1010101)`,
  },
  NATIONAL_CODE_TOP: {
    zh: (p) => `${at(p)}国家分类编码“${p.value}”的大类应为 1（基本生活保障物资）、2（应急装备及配套物资）或 3（工程材料与机械加工设备）`,
    en: (p) => `${atEn(p)}national code "${p.value}": the major class must be 1 (basic living), 2 (emergency equipment) or 3 (engineering materials and machining)`,
  },
  NATIONAL_CODE_SEGMENT: {
    zh: (p) => `${at(p)}国家分类编码“${p.value}”的${p.level}代码“${p.segment}”无效，应为 01–99（99 为收容类）`,
    en: (p) => `${atEn(p)}national code "${p.value}": ${p.levelEn} "${p.segment}" is not valid, it must be 01–99 (99 = other)`,
  },
  NATIONAL_CODE_NO_PARENT: {
    zh: (p) => `${at(p)}分类“${p.value}”的上级分类 ${p.parent} 既不在已导入的分类表中，也不在本文件中`,
    en: (p) => `${atEn(p)}class "${p.value}": its parent class ${p.parent} is neither in the imported table nor in this file`,
  },
  NATIONAL_CODE_DUPLICATE: { zh: (p) => `第 ${p.row} 行 ${p.field}：与第 ${p.first} 行的分类代码重复`, en: (p) => `Row ${p.row}, ${p.field}: same class code as row ${p.first}` },
})
