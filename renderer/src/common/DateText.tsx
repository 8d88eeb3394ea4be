/** A plain text date box (YYYY-MM-DD): fast to type or scan, normalised when the field is left or Enter is pressed. */
import { Input } from 'antd'
import type { KeyboardEvent } from 'react'
import { normalizeDate } from './dates'

interface Props {
  value: string
  onChange: (v: string) => void
  status?: 'error'
  testId?: string
  placeholder?: string
  onEnter?: () => void
}

export function DateText({ value, onChange, status, testId, placeholder, onEnter }: Props) {
  const commit = () => { const n = normalizeDate(value); if (n !== value) onChange(n) }
  return (
    <Input value={value} status={status} data-testid={testId} placeholder={placeholder ?? 'YYYY-MM-DD'} maxLength={10}
      onChange={(e) => onChange(e.target.value)} onBlur={commit}
      onKeyDown={(e: KeyboardEvent) => { if (e.key === 'Enter') { commit(); onEnter?.() } }} />
  )
}
