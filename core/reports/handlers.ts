import type { HandlersFor } from '../api/handler-types'
import type { reportMethods } from './methods'
import { decideReport, expectedReports, getReport, listReports, previewReport, submitReport } from './reports'

export const reportHandlers = {
  'reports.list': (ctx, i) => listReports(ctx, i),
  'reports.get': (ctx, i) => getReport(ctx, i.id),
  'reports.preview': (ctx, i) => previewReport(ctx, i),
  'reports.expected': (ctx, i) => expectedReports(ctx, i),
  'reports.submit': (ctx, i) => submitReport(ctx, i),
  'reports.decide': (ctx, i) => decideReport(ctx, i),
} satisfies HandlersFor<typeof reportMethods>
