/** The id of the document being written: made when the form opens, so a double post is posted once. */
import { useCallback, useState } from 'react'
import { newDocumentId } from '../api'

export function useDocumentId(): [string, () => void] {
  const [id, setId] = useState(newDocumentId)
  const renew = useCallback(() => setId(newDocumentId()), [])
  return [id, renew]
}
