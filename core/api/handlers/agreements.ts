import type { HandlersFor } from './types'
import type { agreementMethods } from '../methods/agreements'
import { lapsingAgreements, listAgreements, listPartners, saveAgreement, savePartner } from '../../services/agreements'

export const agreementHandlers = {
  'agreements.partners': (ctx) => listPartners(ctx),
  'agreements.savePartner': (ctx, i) => savePartner(ctx, i),
  'agreements.list': (ctx) => listAgreements(ctx),
  'agreements.lapsing': (ctx) => lapsingAgreements(ctx),
  'agreements.save': (ctx, i) => saveAgreement(ctx, i),
} satisfies HandlersFor<typeof agreementMethods>
