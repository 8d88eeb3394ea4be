/** Sends a street depot's 报废 as a request for the district's approval (writeoff.request), its error shaped like a posting's. */
import { useRef, useState } from 'react'
import { api } from '../../api'
import { toPostError, type PostError } from '../../common/postError'

type Built = { error: PostError } | { input: { id: string; siteId: string; docDate: string; reason?: string; lines: Array<{ itemId: string; lotId?: string; quantity: number; note?: string }> }; rowToLine?: number[] }

export function useStreetScrapRequest() {
  const [error, setError] = useState<PostError>()
  const [sending, setSending] = useState(false)
  const [sent, setSent] = useState(false)
  const inFlight = useRef(false)
  async function send(built: Built): Promise<boolean> {
    if (inFlight.current) return false
    setSent(false)
    if ('error' in built) { setError(built.error); return false }
    inFlight.current = true
    setSending(true); setError(undefined)
    try {
      const i = built.input
      await api('writeoff.request', {
        id: i.id, siteId: i.siteId, docDate: i.docDate, reason: i.reason ?? '',
        lines: i.lines.map((l) => ({ itemId: l.itemId, lotId: l.lotId ?? '', quantity: l.quantity, note: l.note ?? null })),
      })
      setSent(true)
      return true
    } catch (e) {
      setError(toPostError(e, built.rowToLine ?? []))
      return false
    } finally { inFlight.current = false; setSending(false) }
  }
  return { error, sending, sent, send }
}
