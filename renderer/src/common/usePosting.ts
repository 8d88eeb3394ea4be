/**
 * Posting a document from a form: once per click (a double-click fires twice before React re-renders), then the
 * document number and the new balances, or the api's message tied to the form line and field. Every document
 * form (入库, 出库, and those to come) posts through this.
 */
import { useRef, useState } from 'react'
import type { Posted } from './PostedResult'
import { loadBalancesFor } from './loadBalancesFor'
import { toPostError, type PostError } from './postError'

type Built<I> = { input: I; rowToLine: number[] } | { error: PostError }
interface DocumentInput { id?: string; siteId: string; lines: Array<{ itemId: string }> }

export function usePosting() {
  const [error, setError] = useState<PostError>()
  const [posting, setPosting] = useState(false)
  const [posted, setPosted] = useState<Posted>()
  const inFlight = useRef(false)

  async function post<I extends DocumentInput>(
    built: Built<I>,
    send: (input: I) => Promise<{ docNo: string; alreadyPosted: boolean }>,
    onPosted: () => void,
    lotsOf: (input: I) => Set<string> = () => new Set(),
  ) {
    if (inFlight.current) return
    if ('error' in built) { setError(built.error); return }
    inFlight.current = true
    setPosting(true)
    setError(undefined)
    try {
      const res = await send(built.input)
      const balances = await loadBalancesFor(built.input.siteId, built.input.lines.map((l) => l.itemId))
      setPosted({ docId: built.input.id, docNo: res.docNo, alreadyPosted: res.alreadyPosted, balances, lots: lotsOf(built.input) })
      onPosted()
    } catch (e) {
      setError(toPostError(e, built.rowToLine))
      setPosted(undefined)
    } finally {
      inFlight.current = false
      setPosting(false)
    }
  }

  const clear = () => { setError(undefined); setPosted(undefined) }
  return { error, posting, posted, post, clear }
}
