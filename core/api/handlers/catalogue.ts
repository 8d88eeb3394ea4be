import type { HandlersFor } from './types'
import type { catalogueMethods } from '../methods/catalogue'
import { listItems } from '../../services/catalogue'

export const catalogueHandlers = {
  'catalogue.items': (ctx) => listItems(ctx),
} satisfies HandlersFor<typeof catalogueMethods>
