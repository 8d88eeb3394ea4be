/** 预警: expired, expiring (per-category windows), rotation due, below the minimum target. */
import { z } from 'zod'
import { method, none, id, text } from '../api/spec'

const kind = z.enum(['expired', 'expiring30', 'expiring90', 'rotation', 'belowMinimum'])
const filter = { siteId: id.optional(), streetCode: id.optional(), category: text(40).optional() }
const window = z.object({ near: z.number().int().min(1).max(3650), far: z.number().int().min(1).max(3650) })

export const alertMethods = {
  'alerts.list': method({
    kind: 'query', summary: '预警列表 / alerts', input: z.object({ ...filter, kind: kind.optional() }), roles: [], scope: none,
  }),
  'alerts.summary': method({
    kind: 'query', summary: '预警数量 / alert counts by kind', input: z.object(filter), roles: [], scope: none,
  }),
  'alerts.thresholds': method({
    kind: 'query', summary: '临期天数设置 / expiry windows per category', input: z.object({}), roles: [], scope: none,
  }),
  'alerts.setThresholds': method({
    kind: 'mutation', summary: '设置临期天数 / set the expiry windows',
    input: z.object({ default: window, categories: z.record(text(40), window) }), roles: ['admin', 'keeper'], scope: none,
  }),
}
