import { z } from 'zod'
import { method, none, id, text, isoDate } from '../api/spec'

const tier = z.enum(['district', 'street', 'community'])
const ownership = z.enum(['self', 'co', 'agreement', 'social'])
const regionCode = z.string().trim().regex(/^\d{12}$/, { message: '应为 12 位统计用区划代码' })
const optionalText = (max: number) => text(max).nullish()

const siteFields = {
  code: text(40).min(1),
  name: text(100).min(1),
  tier,
  regionCode,
  ownership: ownership.default('self'),
  capacity: optionalText(100),
  keeper: optionalText(60),
  phone: optionalText(40),
  address: optionalText(200),
  openedOn: isoDate.nullish(),
  serves: z.array(regionCode).max(200).default([]),
}

export const networkMethods = {
  'network.tree': method({ kind: 'query', summary: '储备网络树 / network tree', input: z.object({}), roles: [], scope: none }),
  'network.sites': method({ kind: 'query', summary: '储备库点列表 / all sites', input: z.object({}), roles: [], scope: none }),
  'network.site': method({ kind: 'query', summary: '储备点详情 / one site', input: z.object({ id }), roles: [], scope: none }),
  'network.openSite': method({
    kind: 'mutation', summary: '新建储备点 / open a site',
    input: z.object({ id: id.optional(), ...siteFields }),
    roles: ['planner'], scope: none,
  }),
  'network.updateSite': method({
    kind: 'mutation', summary: '修改储备点 / edit a site',
    input: z.object({
      id, code: siteFields.code.optional(), name: siteFields.name.optional(), tier: tier.optional(), regionCode: regionCode.optional(),
      ownership: ownership.optional(), capacity: siteFields.capacity, keeper: siteFields.keeper, phone: siteFields.phone,
      address: siteFields.address, openedOn: siteFields.openedOn, serves: z.array(regionCode).max(200).optional(),
    }),
    roles: ['planner'], scope: { kind: 'site', siteId: (i: { id: string }) => i.id },
  }),
  'network.closeSite': method({
    kind: 'mutation', summary: '停用储备点 / close a site',
    input: z.object({ id, closedOn: isoDate, reason: text(500).optional() }),
    roles: ['planner'], scope: { kind: 'site', siteId: (i: { id: string }) => i.id },
  }),
  'network.reopenSite': method({
    kind: 'mutation', summary: '重新启用储备点 / reopen a site',
    input: z.object({ id, openedOn: isoDate }),
    roles: ['planner'], scope: { kind: 'site', siteId: (i: { id: string }) => i.id },
  }),
  'network.districts': method({
    kind: 'query', summary: '可导入的区县 / districts in the bundled division data',
    input: z.object({ prefix: z.string().trim().regex(/^\d{0,6}$/).default('31') }), roles: [], scope: none,
  }),
  'network.importDistrict': method({
    kind: 'mutation', summary: '导入区县的街镇和村居 / import a district\'s streets and communities',
    input: z.object({ areaCode: z.string().trim().regex(/^\d{6}(\d{6})?$/, { message: '应为 6 位区县代码' }), makeCurrent: z.boolean().default(false) }),
    roles: ['planner'], scope: none,
  }),
  'coverage.summary': method({
    kind: 'query', summary: '村居覆盖（可查历史日期）/ coverage, on any date',
    input: z.object({ asOf: isoDate.optional(), districtCode: regionCode.optional() }), roles: [], scope: none,
  }),
  'coverage.trend': method({
    kind: 'query', summary: '覆盖率趋势 / coverage month by month',
    input: z.object({ months: z.number().int().min(1).max(60).default(12) }), roles: [], scope: none,
  }),
}
