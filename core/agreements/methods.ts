import './errors'
import { z } from 'zod'
import { method, docDate, agreementEnd, code, regionCode, noScope, districtScope, id, text, isoDate } from '../api/spec'

const shared = noScope('合作企业和储备协议全区共享：任何街镇的调度都可以调用 / partners and agreements are shared district-wide: dispatch calls them up for any street')
const districtOnly = districtScope('合作企业和储备协议由区里签订和维护 / partners and agreements are signed and kept by the district')

export const agreementMethods = {
  'agreements.partners': method({ kind: 'query', summary: '合作企业 / partners', input: z.object({}), roles: [], scope: shared }),
  'agreements.savePartner': method({
    kind: 'mutation', summary: '新增或修改合作企业 / add or change a partner',
    input: z.object({
      id: id.optional(), name: text(100).min(1), creditCode: code(40).nullish(), contact: text(60).nullish(), phone: text(40).nullish(),
      address: text(200).nullish(),
    }),
    roles: ['planner'], scope: districtOnly,
  }),
  'agreements.list': method({ kind: 'query', summary: '储备协议 / agreements', input: z.object({}), roles: [], scope: shared }),
  'agreements.lapsing': method({ kind: 'query', summary: '即将到期的协议 / agreements lapsing within 60 days', input: z.object({}), roles: [], scope: shared }),
  'agreements.attach': method({
    kind: 'mutation', summary: '上传协议附件 / attach a document to an agreement',
    input: z.object({ agreementId: id, fileName: text(200).min(1), mime: text(100).nullish(), contentBase64: z.string().min(1).max(7_100_000) }),
    roles: ['planner'], scope: districtOnly,
  }),
  'agreements.attachments': method({ kind: 'query', summary: '协议附件 / an agreement\'s attachments', input: z.object({ agreementId: id }), roles: [], scope: shared }),
  'agreements.attachment': method({ kind: 'query', summary: '下载附件 / one attachment\'s content', input: z.object({ id }), roles: [], scope: shared }),
  'agreements.save': method({
    kind: 'mutation', summary: '新增或修改储备协议 / add or change an agreement',
    input: z.object({
      id: id.optional(), partnerId: id, agreementNo: code(60).min(1), kind: z.enum(['materials', 'capacity', 'transport']),
      heldAt: text(200).nullish(), responseHours: z.number().positive().max(1000).nullish(), validFrom: docDate, validTo: agreementEnd,
      tier: z.enum(['district', 'street', 'community']).nullish(), regionCode: regionCode.nullish(),
      status: z.enum(['draft', 'active', 'ended']).default('active'),
      lines: z.array(z.object({
        itemId: id.nullish(), quantity: z.number().positive().max(1e9).nullish(), vehicleType: text(40).nullish(),
        vehicleCount: z.number().int().positive().max(10000).nullish(), vehicleCapacity: text(40).nullish(),
      })).min(1).max(500),
    }),
    roles: ['planner'], scope: districtOnly,
  }),
}
