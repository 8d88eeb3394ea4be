import type { HandlersFor } from '../api/handler-types'
import type { alertMethods } from './alert-methods'
import { alertSummary, getThresholds, listAlerts, setThresholds } from './alerts'

export const alertHandlers = {
  'alerts.list': (ctx, i) => listAlerts(ctx, i),
  'alerts.summary': (ctx, i) => alertSummary(ctx, i),
  'alerts.thresholds': (ctx) => getThresholds(ctx),
  'alerts.setThresholds': (ctx, i) => setThresholds(ctx, i),
} satisfies HandlersFor<typeof alertMethods>
