/**
 * The api contract: every method once, with its input schema, the roles that may call it and the scope it acts in.
 * The IPC routing, the preload bridge, the hub's HTTP routes, its OpenAPI document and the renderer's client are
 * all derived from this list. It imports nothing from the database so the preload and renderer can import it too;
 * the handlers live in ./handlers, whose type forces one handler per method here. Each area keeps its methods in
 * ./methods/<area>.ts, so adding a method is one entry there and one handler beside it.
 */
import type { z } from 'zod'
import type { MethodSpec } from './spec'
import { systemMethods } from './methods/system'
import { networkMethods } from './methods/network'
import { catalogueMethods } from './methods/catalogue'
import { stockMethods } from './methods/stock'
import { depotMethods } from './methods/depot'
import { syncMethods } from './methods/sync'
import { dispatchMethods } from './methods/dispatch'
import { authMethods } from './methods/auth'
import { userMethods } from './methods/users'
import { auditMethods } from './methods/audit'
import { backupMethods } from './methods/backup'
import { alertMethods } from './methods/alerts'
import { agreementMethods } from './methods/agreements'

export type { MethodSpec, ScopeRule } from './spec'
export { receiptLine, issueLine } from './spec'

export const contract = {
  ...systemMethods,
  ...networkMethods,
  ...catalogueMethods,
  ...stockMethods,
  ...depotMethods,
  ...syncMethods,
  ...dispatchMethods,
  ...authMethods,
  ...userMethods,
  ...auditMethods,
  ...backupMethods,
  ...alertMethods,
  ...agreementMethods,
} satisfies Record<string, MethodSpec>

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export const methodNames = Object.keys(contract) as MethodName[]
