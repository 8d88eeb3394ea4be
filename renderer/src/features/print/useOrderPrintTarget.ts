/** #/print-order/<transfer order id> shows that order's printable 调拨单 instead of the frame (like #/print/<document id>). */
import { useEffect, useState } from 'react'

const read = () => /^#\/print-order\/([^/?]+)/.exec(window.location.hash)?.[1]

export function useOrderPrintTarget(): string | undefined {
  const [id, setId] = useState(read)
  useEffect(() => {
    const onChange = () => setId(read())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return id ? decodeURIComponent(id) : undefined
}

export const openOrderPrint = (orderId: string) => { window.location.hash = `#/print-order/${encodeURIComponent(orderId)}` }
