import { z } from 'zod'
import { method, none, isoDate, text } from '../api/spec'

export const auditMethods = {
  'audit.search': method({
    kind: 'query', summary: '审计日志查询 / search the audit trail',
    input: z.object({
      from: isoDate.optional(), to: isoDate.optional(), actor: text(60).optional(), action: text(60).optional(),
      outcome: z.enum(['ok', 'refused', 'failed']).optional(), search: text(100).optional(),
      offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(100),
    }),
    roles: ['admin'], scope: none,
  }),
}
