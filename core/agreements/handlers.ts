import type { HandlersFor } from '../api/handler-types'
import type { agreementMethods } from './methods'
import {
  attachToAgreement, lapsingAgreements, listAgreements, listAttachments, listPartners, readAttachment, saveAgreement, savePartner,
} from './agreements'

export const agreementHandlers = {
  'agreements.partners': (ctx) => listPartners(ctx),
  'agreements.savePartner': (ctx, i) => savePartner(ctx, i),
  'agreements.list': (ctx) => listAgreements(ctx),
  'agreements.lapsing': (ctx) => lapsingAgreements(ctx),
  'agreements.save': (ctx, i) => saveAgreement(ctx, i),
  'agreements.attach': (ctx, i) => attachToAgreement(ctx, i),
  'agreements.attachments': (ctx, i) => listAttachments(ctx, i.agreementId),
  'agreements.attachment': (ctx, i) => readAttachment(ctx, i.id),
} satisfies HandlersFor<typeof agreementMethods>
