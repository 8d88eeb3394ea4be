/** Shapes the pages pass around, taken from the api's own output types. */
import type { MethodOutput } from '../../../core/api/handlers'

export type Site = MethodOutput<'network.sites'>[number]
export type Item = MethodOutput<'catalogue.items'>[number]
export type Tree = MethodOutput<'network.tree'>
export type BalancePage = MethodOutput<'stock.balances'>
export type Balance = BalancePage['rows'][number]
export type FefoPlan = MethodOutput<'stock.fefo'>
export type ExpiryState = 'all' | 'expired' | 'near30' | 'near90' | 'ok'
