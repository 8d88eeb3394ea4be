import { z } from 'zod'
import { method, none } from '../api/spec'

export const systemMethods = {
  'system.info': method({ kind: 'query', summary: '本机与数据概况 / installation info', input: z.object({}), roles: [], scope: none }),
}
