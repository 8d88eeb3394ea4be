import type { HandlersFor } from './types'
import type { alertMethods } from '../methods/alerts'
import { alertSummary, getThresholds, listAlerts, setThresholds } from '../../services/alerts'

export const alertHandlers = {
  'alerts.list': (ctx, i) => listAlerts(ctx, i),
  'alerts.summary': (ctx, i) => alertSummary(ctx, i),
  'alerts.thresholds': (ctx) => getThresholds(ctx),
  'alerts.setThresholds': (ctx, i) => setThresholds(ctx, i),
} satisfies HandlersFor<typeof alertMethods>
