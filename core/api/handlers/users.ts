import type { HandlersFor } from './types'
import type { userMethods } from '../methods/users'
import { createUser, listUsers, resetPassword, updateUser } from '../../services/users'

export const userHandlers = {
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, input) => createUser(ctx, input, { mustChangePassword: true }),
  'users.update': (ctx, input) => updateUser(ctx, input),
  'users.resetPassword': (ctx, input) => resetPassword(ctx, input),
} satisfies HandlersFor<typeof userMethods>
