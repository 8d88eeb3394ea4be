import { asc } from 'drizzle-orm'
import type { HandlersFor } from '../api/handler-types'
import type { catalogueMethods } from './methods'
import {
  listItems, allItems, saveItem, listTargets, planYears, saveTarget, deleteTarget, copyTargets, setPopulations, agreementWeight,
  setAgreementWeight,
} from './catalogue'
import { compliance } from './compliance'
import { annualPlan, editPlanLine } from './plan'
import { catalogueVersion, copyCatalogueVersion, saveCatalogueVersion } from './versions'
import { postCatalogueImport, previewCatalogueImport } from './import'
import { plannerOverview } from './overview'
import { codeTree, importCodeTable, listCodeTable, previewCodeTable } from './code-table'
import { regions } from '../../db/schema'
import { requireDistrictScope } from '../people/scope'
import { isValidIsoDate } from '../common/dates'
import { AppError } from '../common/errors'

const asOfDate = (d: string | undefined) => {
  if (d !== undefined && !isValidIsoDate(d)) throw new AppError('VALIDATION', { where: '统计日期', whereEn: 'as of', detail: '不是有效日期（格式 YYYY-MM-DD）', detailEn: 'is not a valid date (YYYY-MM-DD)' }, { field: 'asOf' })
  return d
}

export const catalogueHandlers = {
  'catalogue.items': (ctx) => listItems(ctx),
  'catalogue.allItems': (ctx) => allItems(ctx),
  'catalogue.saveItem': (ctx, i) => saveItem(ctx, i),
  'catalogue.planYears': (ctx) => planYears(ctx),
  'catalogue.targets': (ctx, i) => listTargets(ctx, i.planYear),
  'catalogue.saveTarget': (ctx, i) => saveTarget(ctx, i),
  'catalogue.deleteTarget': (ctx, i) => { deleteTarget(ctx, i.id); return { deleted: i.id } },
  'catalogue.copyTargets': (ctx, i) => copyTargets(ctx, i.fromYear, i.toYear),
  'catalogue.version': (ctx, i) => catalogueVersion(ctx, i.planYear),
  'catalogue.saveVersion': (ctx, i) => saveCatalogueVersion(ctx, i),
  'catalogue.copyVersion': (ctx, i) => copyCatalogueVersion(ctx, i.fromYear, i.toYear),
  'catalogue.importPreview': (ctx, i) => previewCatalogueImport(ctx, i.source, i.mapping),
  'catalogue.importPost': (ctx, i) => postCatalogueImport(ctx, i),
  'catalogue.regions': (ctx) => ctx.db.select().from(regions).orderBy(asc(regions.code)).all(),
  'catalogue.setPopulations': (ctx, i) => setPopulations(ctx, i.rows),
  'compliance.summary': (ctx, i) => compliance(ctx, { planYear: i.planYear, asOf: asOfDate(i.asOf), weight: i.weight }),
  'compliance.site': (ctx, i) => {
    const c = compliance(ctx, { planYear: i.planYear, siteId: i.siteId })
    if (!c.sites.length) throw new AppError('NOT_FOUND', { what: '启用中的储备点', whatEn: 'Open site', id: i.siteId }, { field: 'siteId' })
    return { ...c.sites[0], asOf: c.asOf, planYear: c.planYear, weight: c.weight, lines: c.lines ?? [] }
  },
  'plan.annual': (ctx, i) => annualPlan(ctx, i.planYear),
  'plan.editLine': (ctx, i) => { editPlanLine(ctx, i); return annualPlan(ctx, i.planYear) },
  'planning.overview': (ctx) => plannerOverview(ctx),
  'catalogue.codeTable': (ctx) => listCodeTable(ctx),
  'catalogue.codeTablePreview': (ctx, i) => previewCodeTable(ctx, i.source, i.mapping),
  'catalogue.codeTableImport': (ctx, i) => { requireDistrictScope(ctx, '导入国家分类代码表', 'Importing the class table'); return importCodeTable(ctx, i.source, i.mapping) },
  'catalogue.codeTree': (ctx, i) => codeTree(ctx, { all: i.all }),
  'compliance.weight': (ctx) => ({ weight: agreementWeight(ctx) }),
  'compliance.setWeight': (ctx, i) => { setAgreementWeight(ctx, i.weight); return { weight: i.weight } },
} satisfies HandlersFor<typeof catalogueMethods>
