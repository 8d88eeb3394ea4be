import { z } from 'zod'
import { method, none } from '../spec'

export const catalogueMethods = {
  'catalogue.items': method({ kind: 'query', summary: '物资目录 / catalogue items', input: z.object({}), roles: [], scope: none }),
}
