import './errors'
import { z } from 'zod'
import { method, docDate, code, regionCode, noScope, districtScope, id, text, isoDate } from '../api/spec'

const tier = z.enum(['district', 'street', 'community'])
const ownership = z.enum(['self', 'co', 'agreement', 'social'])
/** Where a site is or goes: a street planner edits only its street's street/community sites (core/api/invoke.ts). */
const placeOf = { kind: 'place' as const, siteId: (i: { id?: string }) => i.id, regionCode: (i: { regionCode?: string }) => i.regionCode, tier: (i: { tier?: string }) => i.tier }
const networkIsShared = noScope('储备网络（点位、地址、联系人）全区共享，调拨和调度需要看到所有储备点 / the network (sites, addresses, contacts) is shared district-wide: transfers and dispatch need every site')
const optionalText = (max: number) => text(max).nullish()

const siteFields = {
  code: code(40).min(1),
  name: text(100).min(1),
  tier,
  regionCode,
  ownership: ownership.default('self'),
  capacity: optionalText(100),
  keeper: optionalText(60),
  phone: optionalText(40),
  address: optionalText(200),
  openedOn: docDate.nullish(),
  serves: z.array(regionCode).max(200).default([]),
}

export const networkMethods = {
  'network.tree': method({ kind: 'query', summary: '储备网络树 / network tree', input: z.object({}), roles: [], scope: networkIsShared }),
  'network.sites': method({ kind: 'query', summary: '储备库点列表 / all sites', input: z.object({}), roles: [], scope: networkIsShared }),
  'network.site': method({ kind: 'query', summary: '储备点详情 / one site', input: z.object({ id }), roles: [], scope: networkIsShared }),
  'network.openSite': method({
    kind: 'mutation', summary: '新建储备点 / open a site',
    input: z.object({ id: id.optional(), ...siteFields }),
    roles: ['planner'], scope: { kind: 'place', regionCode: (i: { regionCode: string }) => i.regionCode, tier: (i: { tier: string }) => i.tier },
  }),
  'network.updateSite': method({
    kind: 'mutation', summary: '修改储备点 / edit a site',
    input: z.object({
      id, code: siteFields.code.optional(), name: siteFields.name.optional(), tier: tier.optional(), regionCode: regionCode.optional(),
      ownership: ownership.optional(), capacity: siteFields.capacity, keeper: siteFields.keeper, phone: siteFields.phone,
      address: siteFields.address, openedOn: siteFields.openedOn, serves: z.array(regionCode).max(200).optional(),
    }),
    roles: ['planner'], scope: placeOf,
  }),
  'network.closeSite': method({
    kind: 'mutation', summary: '停用储备点 / close a site',
    input: z.object({ id, closedOn: docDate, reason: text(500).optional() }),
    roles: ['planner'], scope: { kind: 'place', siteId: (i: { id: string }) => i.id },
  }),
  'network.reopenSite': method({
    kind: 'mutation', summary: '重新启用储备点 / reopen a site',
    input: z.object({ id, openedOn: docDate }),
    roles: ['planner'], scope: { kind: 'place', siteId: (i: { id: string }) => i.id },
  }),
  'network.districts': method({
    kind: 'query', summary: '可导入的区县 / districts in the bundled division data',
    input: z.object({ prefix: z.string().trim().regex(/^\d{0,6}$/).default('31') }), roles: [],
    scope: noScope('只读随软件附带的区划数据，不含本区数据 / reads the bundled division data, nothing of the district'),
  }),
  'network.importDistrict': method({
    kind: 'mutation', summary: '导入区县的街镇和村居 / import a district\'s streets and communities',
    input: z.object({ areaCode: z.string().trim().regex(/^\d{6}(\d{6})?$/, { message: '应为 6 位区县代码' }), makeCurrent: z.boolean().default(false) }),
    roles: ['planner'], scope: districtScope('区划导入对全区生效 / the divisions apply to the whole district'),
  }),
  'coverage.summary': method({
    kind: 'query', summary: '村居覆盖（可查历史日期）/ coverage, on any date',
    input: z.object({ asOf: isoDate.optional(), districtCode: regionCode.optional() }), roles: [],
    scope: noScope('覆盖率是全区公开的统计（各村居是否有储备点），不含库存 / coverage is a district-wide public figure (which communities a site serves), no stock'),
  }),
  'coverage.trend': method({
    kind: 'query', summary: '覆盖率趋势 / coverage month by month',
    input: z.object({ months: z.number().int().min(1).max(60).default(12) }), roles: [],
    scope: noScope('覆盖率趋势是全区公开的统计，不含库存 / the coverage trend is a district-wide public figure, no stock'),
  }),
}
