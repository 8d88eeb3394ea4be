import type { HandlersFor } from '../api/handler-types'
import type { readinessMethods } from './methods'
import { copyNorms, deleteNorm, listNorms, readinessParams, requestTemplate, saveNorms, saveParams } from './norms'
import { districtReadiness, runSimulation } from './readiness'
import { promiseBoard, promiseReport } from '../dispatch/promise'

export const readinessHandlers = {
  'readiness.norms': (ctx, i) => listNorms(ctx, i.incidentType),
  'readiness.saveNorms': (ctx, i) => saveNorms(ctx, i),
  'readiness.deleteNorm': (ctx, i) => deleteNorm(ctx, i),
  'readiness.copyNorms': (ctx, i) => copyNorms(ctx, i),
  'readiness.params': (ctx) => readinessParams(ctx.db),
  'readiness.saveParams': (ctx, i) => saveParams(ctx, { ...i, promise: i.promise ?? readinessParams(ctx.db).promise }),
  'readiness.simulate': (ctx, i) => runSimulation(ctx, i),
  'readiness.promiseBoard': (ctx, i) => promiseBoard(ctx.db, readinessParams(ctx.db).promise, i.incidentId, i.now ?? new Date().toISOString()),
  'readiness.promiseReport': (ctx, i) => promiseReport(ctx.db, readinessParams(ctx.db).promise, i.incidentId, i.now ?? new Date().toISOString()),
  'readiness.requestTemplate': (ctx, i) => requestTemplate(ctx, i),
  'readiness.district': (ctx) => districtReadiness(ctx),
} satisfies HandlersFor<typeof readinessMethods>
