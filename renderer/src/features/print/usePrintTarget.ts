/**
 * #/print/<document id> shows that document's printable form instead of the frame, and #/print-order/<transfer
 * order id> that order's printable 调拨单: one hash route per kind of form.
 */
import { useEffect, useState } from 'react'

function useHashTarget(route: 'print' | 'print-order'): string | undefined {
  const read = () => new RegExp(`^#/${route}/([^/?]+)`).exec(window.location.hash)?.[1]
  const [id, setId] = useState(read)
  useEffect(() => {
    const onChange = () => setId(read())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return id ? decodeURIComponent(id) : undefined
}

export const usePrintTarget = () => useHashTarget('print')
export const useOrderPrintTarget = () => useHashTarget('print-order')

export const openPrint = (documentId: string) => { window.location.hash = `#/print/${encodeURIComponent(documentId)}` }
export const openOrderPrint = (orderId: string) => { window.location.hash = `#/print-order/${encodeURIComponent(orderId)}` }
