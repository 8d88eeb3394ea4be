/**
 * A frozen report in its filing layout as a workbook sheet (title, the facts above, the table, the total line),
 * in the reader's language. Pure: the renderer exports with it, tests read the export back.
 */
import type { XlsxSheet } from '../common/xlsx'
import type { ReportSnapshot } from './kinds'

export interface SheetMeta { version: number; status: string; submittedAt: string; submittedByName: string }

export function reportSheet(s: ReportSnapshot, lang: 'zh' | 'en', meta?: SheetMeta): XlsxSheet {
  const zh = lang === 'zh'
  return {
    name: (zh ? s.title.zh : s.title.en).replace(/[\\/?*[\]:]/g, ' ').slice(0, 31),
    title: zh ? s.title.zh : s.title.en,
    facts: [
      ...s.facts.map((f) => [zh ? f.zh : f.en, f.value] as [string, string]),
      ...(meta ? [
        [zh ? '版本' : 'Version', String(meta.version)] as [string, string],
        [zh ? '报送人 / 报送时间' : 'Submitted by / at', `${meta.submittedByName} / ${meta.submittedAt.slice(0, 10)}`] as [string, string],
        [zh ? '状态' : 'Status', meta.status] as [string, string],
      ] : []),
      [zh ? '数据生成日期' : 'Figures as of', s.producedOn],
    ],
    columns: s.columns.map((c) => ({ key: c.key, header: zh ? c.zh : c.en, kind: c.kind })),
    rows: s.rows,
    footer: s.footer,
  }
}
