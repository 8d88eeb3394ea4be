/**
 * The api contract: every method once, with its input schema, the roles that may call it and the scope it acts in.
 * The IPC routing, the preload bridge, the hub's HTTP routes, its OpenAPI document and the renderer's client are
 * all derived from this list. It imports nothing from the database so the preload and renderer can import it too;
 * the handlers live in ./handlers, whose type forces one handler per method here. Each area keeps its methods in
 * ./methods/<area>.ts, so adding a method is one entry there and one handler beside it.
 */
import type { z } from 'zod'
import type { MethodSpec } from './spec'
import { systemMethods } from '../system/methods'
import { networkMethods } from '../network/methods'
import { catalogueMethods } from '../catalogue/methods'
import { stockMethods } from '../stock/methods'
import { depotMethods } from '../stock/depot-methods'
import { syncMethods } from '../system/sync-methods'
import { dispatchMethods } from '../dispatch/methods'
import { authMethods } from '../people/methods'
import { userMethods } from '../people/user-methods'
import { auditMethods } from '../people/audit-methods'
import { backupMethods } from '../system/backup-methods'
import { alertMethods } from '../stock/alert-methods'
import { agreementMethods } from '../agreements/methods'

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
