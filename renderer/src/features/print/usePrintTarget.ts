/** #/print/<document id> shows that document's printable form instead of the frame. */
import { useEffect, useState } from 'react'

const read = () => /^#\/print\/([^/?]+)/.exec(window.location.hash)?.[1]

export function usePrintTarget(): string | undefined {
  const [id, setId] = useState(read)
  useEffect(() => {
    const onChange = () => setId(read())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return id ? decodeURIComponent(id) : undefined
}

export const openPrint = (documentId: string) => { window.location.hash = `#/print/${encodeURIComponent(documentId)}` }
