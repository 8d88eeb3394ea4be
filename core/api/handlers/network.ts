import type { HandlersFor } from './types'
import type { networkMethods } from '../methods/network'
import { networkTree, listSites } from '../../services/network'

export const networkHandlers = {
  'network.tree': (ctx) => networkTree(ctx),
  'network.sites': (ctx) => listSites(ctx),
} satisfies HandlersFor<typeof networkMethods>
