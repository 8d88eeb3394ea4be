import type { HandlersFor } from './types'
import type { auditMethods } from '../methods/audit'
import { searchAudit } from '../../services/audit'

export const auditHandlers = {
  'audit.search': (ctx, input) => searchAudit(ctx.db, input),
} satisfies HandlersFor<typeof auditMethods>
