import './errors'
import { z } from 'zod'
import { method, noScope, id, text } from '../api/spec'
import { REPORT_KINDS } from './kinds'

const kind = z.enum(REPORT_KINDS)
/** a period (YYYY-MM, YYYY) or a record id, as a clerk may paste it: full-width digits and stray spaces are read */
const subject = z.string().transform((s) => s.normalize('NFKC').replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '').replace(/[‐‑‒–—−]/g, '-'))
  .pipe(z.string().min(1).max(100))
const status = z.enum(['submitted', 'approved', 'returned'])

// A street planner reports for its street, a district planner for the district and reviews its streets' reports;
// who is which comes from the actor's scope (core/reports/reports.ts), so the method names no site of its own.
const REPORTING_LEVEL = noScope('报送层级取自用户自身的管辖范围：街镇报本街镇，区级审核（在 core/reports 中检查，越权即拒绝） / the reporting level is the caller\'s own scope: a street reports for its street, the district reviews (checked in core/reports; anything else is refused)')
export const reportMethods = {
  'reports.list': method({ kind: 'query', summary: '已报送的报表 / submitted reports', input: z.object({ kind: kind.optional(), status: status.optional() }), roles: ['planner'], scope: REPORTING_LEVEL }),
  'reports.get': method({ kind: 'query', summary: '报表（报送时的快照） / one submitted report, as frozen', input: z.object({ id }), roles: ['planner'], scope: REPORTING_LEVEL }),
  'reports.preview': method({ kind: 'query', summary: '报表预览（按当前数据生成） / a report as it would be submitted now', input: z.object({ kind, subject }), roles: ['planner'], scope: REPORTING_LEVEL }),
  'reports.expected': method({ kind: 'query', summary: '应报报表与逾期 / reports due and overdue', input: z.object({ onlyOpen: z.boolean().default(false) }), roles: ['planner'], scope: REPORTING_LEVEL }),
  'reports.submit': method({ kind: 'mutation', summary: '报送报表 / submit a report', input: z.object({ kind, subject }), roles: ['planner'], scope: REPORTING_LEVEL }),
  'reports.decide': method({
    kind: 'mutation', summary: '审核报表（通过或退回） / approve or return a report',
    input: z.object({ id, decision: z.enum(['approve', 'return']), reason: text(500).optional() }), roles: ['planner'], scope: REPORTING_LEVEL,
  }),
}
