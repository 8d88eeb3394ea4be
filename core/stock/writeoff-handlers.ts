import type { HandlersFor } from '../api/handler-types'
import type { writeoffMethods } from './writeoff-methods'
import { decideWriteOff, listWriteOffRequests, requestWriteOff, writeOffReport } from './writeoff-approval'
import { AppError } from '../common/errors'

export const writeoffHandlers = {
  'writeoff.request': (ctx, i) => requestWriteOff(ctx, i),
  'writeoff.decide': (ctx, i) => decideWriteOff(ctx, i),
  'writeoff.requests': (ctx, i) => listWriteOffRequests(ctx, i),
  'writeoff.report': (ctx, i) => {
    if (i.to < i.from) throw new AppError('VALIDATION', { where: '统计期间', whereEn: 'period', detail: '截止日期早于起始日期', detailEn: 'the end is before the start' }, { field: 'to' })
    return writeOffReport(ctx, i)
  },
} satisfies HandlersFor<typeof writeoffMethods>
