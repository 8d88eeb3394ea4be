import { z } from 'zod'
import { method, none } from '../spec'

export const systemMethods = {
  'system.info': method({ kind: 'query', summary: '本机与数据概况 / installation info', input: z.object({}), roles: [], scope: none }),
}
