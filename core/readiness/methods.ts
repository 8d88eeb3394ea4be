/**
 * 应急准备 (readiness): the per-person norms per incident type, the simulation's parameters, the simulation of the
 * first hours of an incident and the district's readiness figure. Norms and parameters are the district planner's
 * (a street or site user reads them; the service refuses their edits); a street planner simulates their own street.
 */
import './errors'
import { z } from 'zod'
import { method, noScope, districtScope, id, text } from '../api/spec'
import { RESPONSE_TIERS } from '../dispatch/promise'

/** An incident type as typed or pasted: NFKC, no invisible characters, trimmed — so 「台风 」 and 「台风」 are one type. */
const incidentType = z.string().transform((s) => s.normalize('NFKC').replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim()).pipe(z.string().min(1).max(20))
const hours = z.number().min(0).max(240)
const normLine = z.object({
  itemId: id, perPerson: z.number().positive().max(1000), kgPerUnit: z.number().positive().max(100000).nullable().optional(), note: text(200).optional(),
})
const whatIf = z.object({
  floodedSiteIds: z.array(id).max(1000).default([]),
  extraHours: z.record(id, hours).default({}),
  unreachablePartnerIds: z.array(id).max(1000).default([]),
}).optional()
const params = z.object({
  targetHours: z.number().positive().max(240),
  hours: z.object({ community: hours, street: hours, district: hours }),
  agreementDefaultHours: hours,
  roundTripHours: z.number().positive().max(240),
  horizonHours: z.number().positive().max(720),
  ownFleet: z.object({ count: z.number().int().min(0).max(10000), capacityTonnes: z.number().min(0).max(100), responseHours: hours }),
  standardType: incidentType,
  standardPopulation: z.number().int().positive().max(100_000_000).nullable().default(null),
  promise: z.object({
    tiers: z.object({ district: z.number().positive().max(240), city: z.number().positive().max(240), province: z.number().positive().max(240) }),
    levelTier: z.object({ I: z.enum(RESPONSE_TIERS), II: z.enum(RESPONSE_TIERS), III: z.enum(RESPONSE_TIERS), IV: z.enum(RESPONSE_TIERS) }),
  }).optional(),
})
const instant = z.string().trim().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'date' })

export const readinessMethods = {
  'readiness.norms': method({ kind: 'query', summary: '人均需求标准 / per-person norms', input: z.object({ incidentType: incidentType.optional() }), roles: [], scope: noScope('需求标准全区通用，任何人可查看 / the per-person norms are the district\'s, readable by everyone') }),
  'readiness.saveNorms': method({
    kind: 'mutation', summary: '保存一个灾种的人均需求标准 / save the norms of one incident type',
    input: z.object({ incidentType, lines: z.array(normLine).min(1).max(500) }), roles: ['planner'], scope: districtScope('需求标准由区级规划制定 / the district planners keep the norms'),
  }),
  'readiness.deleteNorm': method({
    kind: 'mutation', summary: '删除一条需求标准 / delete a norm', input: z.object({ incidentType, itemId: id }), roles: ['planner'], scope: districtScope('需求标准由区级规划制定 / the district planners keep the norms'),
  }),
  'readiness.copyNorms': method({
    kind: 'mutation', summary: '复制需求标准到另一灾种 / copy norms to another type', input: z.object({ fromType: incidentType, toType: incidentType }), roles: ['planner'], scope: districtScope('需求标准由区级规划制定 / the district planners keep the norms'),
  }),
  'readiness.params': method({ kind: 'query', summary: '模拟参数 / simulation parameters', input: z.object({}), roles: [], scope: noScope('模拟参数全区通用 / the simulation parameters are the district\'s, readable by everyone') }),
  'readiness.saveParams': method({ kind: 'mutation', summary: '保存模拟参数 / save the parameters', input: params, roles: ['planner'], scope: districtScope('模拟参数由区级规划设置 / the district planners set the parameters') }),
  'readiness.simulate': method({
    kind: 'query', summary: '首批物资到达模拟 / simulate the first hours',
    input: z.object({
      incidentType, regionCodes: z.array(id).max(1000).default([]), population: z.number().int().positive().max(100_000_000).optional(),
      targetHours: z.number().positive().max(240).optional(), whatIf,
    }),
    roles: ['planner', 'dispatcher'], scope: noScope('模拟只读取数据；街镇用户只能模拟本街镇（服务中检查） / reads only; a street user may simulate only its own street (checked in the service)'),
  }),
  'readiness.promiseBoard': method({
    kind: 'query', summary: '首批时限：每个需求与调拨单的剩余时间 / time left per request and order', input: z.object({ incidentId: id, now: instant.optional() }), roles: [], scope: noScope('事件与需求全区可见，与调度看板相同 / incidents and their requests are visible district-wide, as on the dispatch board'),
  }),
  'readiness.promiseReport': method({
    kind: 'query', summary: '首批时限报告 / time to first batch, on-time rate, late orders', input: z.object({ incidentId: id, now: instant.optional() }), roles: [], scope: noScope('事件报告全区可见，与调度报告相同 / the incident report is visible district-wide, as the dispatch report'),
  }),
  'readiness.requestTemplate': method({
    kind: 'query', summary: '按需求标准生成申报明细 / request lines from the norms for N people',
    input: z.object({ incidentType, population: z.number().int().positive().max(100_000_000) }), roles: ['dispatcher', 'planner'], scope: noScope('按标准计算物资清单，不读取任何站点数据 / computes a kit from the norms, reads no site\'s data'),
  }),
  'readiness.district': method({ kind: 'query', summary: '全区应急准备度 / district readiness figure', input: z.object({}), roles: ['planner', 'dispatcher'], scope: noScope('全区准备度是全区的一个数字 / the district figure is one number for the district') }),
}
