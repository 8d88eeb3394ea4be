/** The incident's requests to xlsx, as the 需求申报 list shows them: destination, urgency and status in words, fill per item. */
import type { TFunction } from 'i18next'
import { tableSheet } from '../../common/tableExport'
import type { XlsxSheet } from '../../../../core/common/xlsx'
import type { listRequests } from '../../../../core/dispatch/requests'

type RequestRow = ReturnType<typeof listRequests>[number]
const urgencyKey = (u: string) => `dispatch.urgency${u[0].toUpperCase()}${u.slice(1)}` as 'dispatch.urgencyNormal'

export function requestsSheet(t: TFunction, rows: readonly RequestRow[]): XlsxSheet {
  return tableSheet(t('dispatch.requests'), [
    { header: t('dispatch.reqNo'), value: (r) => r.requestNo, width: 24 },
    { header: t('dispatch.destination'), value: (r) => r.destinationName ?? r.destinationAddress ?? r.regionName, width: 26 },
    { header: t('dispatch.urgency'), value: (r) => t(urgencyKey(r.urgency)) },
    { header: t('dispatch.contact'), value: (r) => r.contact, width: 20 },
    { header: t('dispatch.requester'), value: (r) => r.requester },
    { header: t('dispatch.fill'), value: (r) => r.lines.map((l) => `${l.itemName} ${l.requested}/${l.received}${l.unit}`).join('；'), width: 40 },
    { header: t('dispatch.status'), value: (r) => t(`dispatch.req_${r.status}` as 'dispatch.req_open') },
  ], rows, { title: t('dispatch.allRequests') })
}
