import type { HandlersFor } from '../api/handler-types'
import type { systemMethods } from './methods'
import { regionCount } from '../network/sites'
import { versionVector } from '../sync/events'
import { APP_VERSION } from './version'

export const systemHandlers = {
  'system.info': (ctx) => ({
    version: APP_VERSION, replicaId: ctx.replicaId, today: ctx.today(), regions: regionCount(ctx), vector: versionVector(ctx.db),
    actor: { id: ctx.actor.id, name: ctx.actor.name, roles: ctx.actor.roles },
  }),
} satisfies HandlersFor<typeof systemMethods>
