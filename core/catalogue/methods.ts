import './errors'
import { z } from 'zod'
import { method, code, regionCode, noScope, districtScope, id, text } from '../api/spec'
import { importSource } from '../stock/methods'

const tier = z.enum(['district', 'street', 'community'])
const catalogueIsShared = noScope('物资目录、储备标准和年度计划全区统一、公开，不含库存 / the catalogue, targets and plan are one for the district and public, no stock')
const districtWide = districtScope('物资目录、储备标准、年度计划、区域人口和计入比例对全区生效 / the catalogue, targets, plan, populations and counting rule apply to the whole district')
const planYear = z.number().int().min(2000).max(2100)
const catalogueMapping = z.partialRecord(
  z.enum(['code', 'name', 'category', 'nationalCode', 'unit', 'spec', 'shelfLifeDays', 'returnable', 'lotTracked', 'unitPrice']),
  z.number().int().min(-1).max(199),
)

const codeTableMapping = z.partialRecord(z.enum(['code', 'name']), z.number().int().min(-1).max(199))

export const catalogueMethods = {
  'catalogue.items': method({ kind: 'query', summary: '物资目录 / catalogue items', input: z.object({}), roles: [], scope: catalogueIsShared }),
  'catalogue.allItems': method({ kind: 'query', summary: '物资目录（含停用）/ all items, retired too', input: z.object({}), roles: [], scope: catalogueIsShared }),
  'catalogue.saveItem': method({
    kind: 'mutation', summary: '新增或修改物资 / add or change an item',
    input: z.object({
      id: id.optional(), code: code(40).min(1), name: text(100).min(1), category: text(40).min(1), nationalCode: code(40).nullish(),
      unit: text(10).min(1), spec: text(200).nullish(), shelfLifeDays: z.number().int().min(1).max(36500).nullish(),
      returnable: z.boolean().default(false), lotTracked: z.boolean().default(true),
      unitPrice: z.number().nonnegative().max(1e9).nullish(), active: z.boolean().default(true),
    }),
    roles: ['planner'], scope: districtWide,
  }),
  'catalogue.planYears': method({ kind: 'query', summary: '有储备标准的年度 / plan years with targets', input: z.object({}), roles: [], scope: catalogueIsShared }),
  'catalogue.targets': method({ kind: 'query', summary: '储备标准 / targets of a plan year', input: z.object({ planYear }), roles: [], scope: catalogueIsShared }),
  'catalogue.saveTarget': method({
    kind: 'mutation', summary: '新增或修改储备标准 / add or change a target',
    input: z.object({
      id: id.optional(), planYear, tier, itemId: id, mode: z.enum(['fixed', 'per1000']).default('fixed'),
      quantity: z.number().nonnegative().max(1e9), minimum: z.number().nonnegative().max(1e9).nullish(), required: z.boolean().default(true),
      regionCode: regionCode.nullish(), siteId: id.nullish(),
    }),
    roles: ['planner'], scope: districtWide,
  }),
  'catalogue.deleteTarget': method({ kind: 'mutation', summary: '删除储备标准 / delete a target', input: z.object({ id }), roles: ['planner'], scope: districtWide }),
  'catalogue.copyTargets': method({
    kind: 'mutation', summary: '复制上一年度标准 / start a plan year from another',
    input: z.object({ fromYear: planYear, toYear: planYear }), roles: ['planner'], scope: districtWide,
  }),
  'catalogue.version': method({
    kind: 'query', summary: '年度目录版本（单价、是否列入）/ one plan year\'s catalogue: prices and which items are in it',
    input: z.object({ planYear }), roles: [], scope: catalogueIsShared,
  }),
  'catalogue.saveVersion': method({
    kind: 'mutation', summary: '修改物资的年度单价或是否列入 / set an item\'s price and place in one plan year',
    input: z.object({ planYear, itemId: id, unitPrice: z.number().nonnegative().max(1e9).nullable(), included: z.boolean().default(true) }),
    roles: ['planner'], scope: districtWide,
  }),
  'catalogue.copyVersion': method({
    kind: 'mutation', summary: '复制年度目录到新年度 / start a plan year\'s catalogue from another year',
    input: z.object({ fromYear: planYear, toYear: planYear }), roles: ['planner'], scope: districtWide,
  }),
  'catalogue.importPreview': method({
    kind: 'query', summary: '目录导入预览（逐行校验）/ preview a catalogue import with row and field errors',
    input: z.object({ source: importSource, mapping: catalogueMapping.optional() }), roles: [], scope: catalogueIsShared,
  }),
  'catalogue.importPost': method({
    kind: 'mutation', summary: '导入物资目录（无错误时全部写入）/ import the catalogue when it has no errors',
    input: z.object({ source: importSource, mapping: catalogueMapping.optional(), planYear: planYear.optional() }),
    roles: ['planner'], scope: districtWide,
  }),
  'catalogue.regions': method({ kind: 'query', summary: '区域及人口 / regions with population', input: z.object({}), roles: [], scope: catalogueIsShared }),
  'catalogue.setPopulations': method({
    kind: 'mutation', summary: '导入区域人口 / set region populations',
    input: z.object({ rows: z.array(z.object({ code: regionCode, population: z.number().int().nonnegative().max(1e8).nullable() })).min(1).max(100000) }),
    roles: ['planner'], scope: districtWide,
  }),
  'compliance.summary': method({
    kind: 'query', summary: '达标情况 / compliance of every site, street and the district',
    input: z.object({ planYear: planYear.optional(), asOf: z.string().optional(), weight: z.union([z.literal(1), z.literal(0.5), z.literal(0)]).optional() }),
    roles: [],
    scope: noScope('达标率是全区公开的考核指标，各点各物资的达标比例，不是库存明细 / compliance is the district\'s public measure (ratios per site, not the stock itself)'),
  }),
  'compliance.site': method({
    kind: 'query', summary: '一个储备点的达标明细 / one site, item by item',
    input: z.object({ siteId: id, planYear: planYear.optional() }), roles: [], scope: { kind: 'site', siteId: (i: { siteId: string }) => i.siteId },
  }),
  'plan.annual': method({
    kind: 'query', summary: '年度需求和购置计划 / the annual demand and procurement plan',
    input: z.object({ planYear }), roles: [], scope: catalogueIsShared,
  }),
  'plan.editLine': method({
    kind: 'mutation', summary: '修改计划行 / change one line of the draft plan',
    input: z.object({
      planYear, tier, itemId: id, quantity: z.number().int().nonnegative().max(1e9).nullable(),
      unitPrice: z.number().nonnegative().max(1e9).nullish(), note: text(200).nullish(),
    }),
    roles: ['planner'], scope: districtWide,
  }),
  'planning.overview': method({
    kind: 'query', summary: '规划总览 / the planners\' dashboard', input: z.object({}), roles: [],
    scope: noScope('覆盖率、达标率和协议是全区公开的统计；其中临期库存金额只统计调用者范围内的储备点 / coverage, compliance and agreements are district-wide public figures; the value of expiring stock counts only the caller\'s sites'),
  }),
  // GB/T 38565-2020 class codes (issue 18): the table the bureau imports, and the catalogue as a tree by class
  'catalogue.codeTable': method({ kind: 'query', summary: '国家分类代码表 / the GB/T 38565 class table', input: z.object({}), roles: [], scope: catalogueIsShared }),
  'catalogue.codeTablePreview': method({
    kind: 'query', summary: '分类代码表导入预览（逐行校验）/ preview a class-table import with row and field errors',
    input: z.object({ source: importSource, mapping: codeTableMapping.optional() }), roles: [], scope: catalogueIsShared,
  }),
  'catalogue.codeTableImport': method({
    kind: 'mutation', summary: '导入国家分类代码表（无错误时全部写入）/ import the class table when it has no errors',
    input: z.object({ source: importSource, mapping: codeTableMapping.optional() }), roles: ['planner'], scope: districtWide,
  }),
  'catalogue.codeTree': method({
    kind: 'query', summary: '按国家分类浏览目录 / the catalogue as a tree by class',
    input: z.object({ all: z.boolean().optional() }), roles: [], scope: catalogueIsShared,
  }),
  'compliance.weight': method({ kind: 'query', summary: '协议储备计入比例 / how agreement stock counts', input: z.object({}), roles: [], scope: catalogueIsShared }),
  'compliance.setWeight': method({
    kind: 'mutation', summary: '设置协议储备计入比例 / set how agreement stock counts',
    input: z.object({ weight: z.union([z.literal(1), z.literal(0.5), z.literal(0)]) }), roles: ['planner'], scope: districtWide,
  }),
}
