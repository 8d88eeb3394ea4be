import type { z } from 'zod'
import type { ServiceContext } from '../common/context'
import type { MethodSpec } from './spec'

/** One handler for each method of an area's list, taking that method's parsed input. */
export type HandlersFor<C extends Record<string, MethodSpec>> = {
  [M in keyof C]: (ctx: ServiceContext, input: z.output<C[M]['input']>) => unknown
}
