/**
 * The demo's accounts (listed in README.md). Only the demo data gets them; an empty installation asks for its
 * first administrator instead.
 */
import type { ServiceContext } from '../common/context'
import { createUser, type NewUser } from '../people/users'

export const DEMO_USERS: NewUser[] = [
  { username: 'admin', displayName: '系统管理员', password: 'Admin2026', roles: ['admin'], scopeKind: 'district' },
  { username: 'planner', displayName: '区储备规划员', password: 'Plan2026', roles: ['planner'], scopeKind: 'district' },
  { username: 'dispatcher', displayName: '区调度员', password: 'Dispatch2026', roles: ['dispatcher', 'planner'], scopeKind: 'district' },
  { username: 'keeper.district', displayName: '区库库管员', password: 'Keeper2026', roles: ['keeper'], scopeKind: 'site', scopeRef: 'D-310117-01' },
  { username: 'keeper.yueyang', displayName: '岳阳街道库管员', password: 'Keeper2026', roles: ['keeper'], scopeKind: 'street', scopeRef: '310117001000' },
  { username: 'planner.yueyang', displayName: '岳阳街道规划员', password: 'Plan2026', roles: ['planner'], scopeKind: 'street', scopeRef: '310117001000' },
  { username: 'keeper.yongfeng', displayName: '永丰街道库管员', password: 'Keeper2026', roles: ['keeper'], scopeKind: 'street', scopeRef: '310117002000' },
]

export function seedDemoUsers(ctx: ServiceContext): void {
  for (const u of DEMO_USERS) createUser(ctx, u)
}
