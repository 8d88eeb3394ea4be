import { z } from 'zod'
import { method, none } from '../spec'

export const networkMethods = {
  'network.tree': method({ kind: 'query', summary: '储备网络树 / network tree', input: z.object({}), roles: [], scope: none }),
  'network.sites': method({ kind: 'query', summary: '储备库点列表 / all sites', input: z.object({}), roles: [], scope: none }),
}
