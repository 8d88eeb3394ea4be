import type { HandlersFor } from '../api/handler-types'
import type { auditMethods } from './audit-methods'
import { searchAudit } from './audit'

export const auditHandlers = {
  'audit.search': (ctx, input) => searchAudit(ctx.db, input),
} satisfies HandlersFor<typeof auditMethods>
