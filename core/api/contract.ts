/**
 * The api contract: every method once, with its input schema, the roles that may call it and the scope it acts in.
 * The IPC routing, the preload bridge, the hub's HTTP routes, its OpenAPI document and the renderer's client are
 * all derived from this list. Each capability keeps its methods in core/<capability>/methods.ts (no database code
 * there, so the preload and renderer can import the contract too); its handlers sit beside them in handlers.ts,
 * gathered in ./handlers.ts, whose type forces one handler per method here.
 */
import type { z } from 'zod'
import type { MethodSpec } from './spec'
import { systemMethods } from '../system/methods'
import { networkMethods } from '../network/methods'
import { catalogueMethods } from '../catalogue/methods'
import { stockMethods } from '../stock/methods'
import { dispatchMethods } from '../dispatch/methods'
import { peopleMethods } from '../people/methods'
import { agreementMethods } from '../agreements/methods'
import { readinessMethods } from '../readiness/methods'
import { firstrunMethods } from '../firstrun/methods'
import { reportMethods } from '../reports/methods'

export type { MethodSpec, ScopeRule } from './spec'
export { receiptLine, issueLine } from './spec'

export const contract = {
  ...systemMethods,
  ...networkMethods,
  ...catalogueMethods,
  ...stockMethods,
  ...dispatchMethods,
  ...peopleMethods,
  ...agreementMethods,
  ...readinessMethods,
  ...firstrunMethods,
  ...reportMethods,
} satisfies Record<string, MethodSpec>

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export const methodNames = Object.keys(contract) as MethodName[]
