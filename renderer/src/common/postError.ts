/** An error from posting a document, tied to the form line and field it is about. */
import { ApiError } from '../api'

export interface PostError {
  message: string
  /** index into the form's lines (0-based), when the error is about a line */
  line?: number
  field?: string
}

/** `rowToLine[r - 1]` is the form line that became posted row r (blank lines are skipped, accepted FEFO splits). */
export function toPostError(e: unknown, rowToLine: number[]): PostError {
  if (e instanceof ApiError) {
    const line = e.row != null ? rowToLine[e.row - 1] : undefined
    return { message: e.message, line, field: e.field }
  }
  return { message: e instanceof Error ? e.message : String(e) }
}

export const fieldError = (err: PostError | undefined, line: number, field: string): 'error' | undefined =>
  err && err.line === line && err.field === field ? 'error' : undefined

export const headerError = (err: PostError | undefined, field: string): 'error' | undefined =>
  err && err.line === undefined && err.field === field ? 'error' : undefined
