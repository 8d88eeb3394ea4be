/** Every capability's handlers; the type makes a missing or extra handler for the contract a compile error. */
import type { Contract, MethodName } from './contract'
import type { HandlersFor } from './handler-types'
import { systemHandlers } from '../system/handlers'
import { networkHandlers } from '../network/handlers'
import { catalogueHandlers } from '../catalogue/handlers'
import { stockHandlers } from '../stock/handlers'
import { dispatchHandlers } from '../dispatch/handlers'
import { peopleHandlers } from '../people/handlers'
import { agreementHandlers } from '../agreements/handlers'
import { readinessHandlers } from '../readiness/handlers'
import { firstrunHandlers } from '../firstrun/handlers'
import { reportHandlers } from '../reports/handlers'

export const handlers = {
  ...systemHandlers,
  ...networkHandlers,
  ...catalogueHandlers,
  ...stockHandlers,
  ...dispatchHandlers,
  ...peopleHandlers,
  ...agreementHandlers,
  ...readinessHandlers,
  ...firstrunHandlers,
  ...reportHandlers,
} satisfies HandlersFor<Contract>

// The reverse direction: no handler without a method in the contract.
const _noStrayHandlers: Record<keyof typeof handlers, unknown> = {} as Record<MethodName, unknown>
void _noStrayHandlers

/** What each method answers, for the typed client. */
export type MethodOutput<M extends MethodName> = ReturnType<(typeof handlers)[M]>
