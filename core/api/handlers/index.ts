/** Every area's handlers; the type makes a missing or extra handler for the contract a compile error. */
import type { Contract, MethodName } from '../contract'
import type { HandlersFor } from './types'
import { systemHandlers } from './system'
import { networkHandlers } from './network'
import { catalogueHandlers } from './catalogue'
import { stockHandlers } from './stock'
import { depotHandlers } from './depot'
import { syncHandlers } from './sync'
import { dispatchHandlers } from './dispatch'
import { authHandlers } from './auth'
import { userHandlers } from './users'
import { auditHandlers } from './audit'
import { backupHandlers } from './backup'
import { alertHandlers } from './alerts'
import { agreementHandlers } from './agreements'

export const handlers = {
  ...systemHandlers,
  ...networkHandlers,
  ...catalogueHandlers,
  ...stockHandlers,
  ...depotHandlers,
  ...syncHandlers,
  ...dispatchHandlers,
  ...authHandlers,
  ...userHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...alertHandlers,
  ...agreementHandlers,
} satisfies HandlersFor<Contract>

// The reverse direction: no handler without a method in the contract.
const _noStrayHandlers: Record<keyof typeof handlers, unknown> = {} as Record<MethodName, unknown>
void _noStrayHandlers

/** What each method answers, for the typed client. */
export type MethodOutput<M extends MethodName> = ReturnType<(typeof handlers)[M]>
