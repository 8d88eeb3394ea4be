/** First-run handlers, one per method of ./methods.ts. */
import type { HandlersFor } from '../api/handler-types'
import type { firstrunMethods } from './methods'
import { chooseOffice, findDistricts, firstRunStatus, firstSteps, markTargetsChecked, startDemo, startJoin, startNewDistrict } from './firstrun'

export const firstrunHandlers = {
  'firstrun.status': (ctx) => firstRunStatus(ctx),
  'firstrun.districts': (_ctx, i) => findDistricts(i.search),
  'firstrun.demo': (ctx) => startDemo(ctx),
  'firstrun.newDistrict': (ctx, i) => startNewDistrict(ctx, i),
  'firstrun.join': (ctx, i) => { startJoin(ctx, i); return firstRunStatus(ctx) },
  'firstrun.office': (ctx, i) => chooseOffice(ctx, i),
  'firstrun.steps': (ctx) => firstSteps(ctx),
  'firstrun.targetsChecked': (ctx) => markTargetsChecked(ctx),
} satisfies HandlersFor<typeof firstrunMethods>
