/**
 * A keyboard-wedge scanner in any item or lot field of a lines grid. The scanner types the label's code
 * (`core/stock/labels.ts`) and ends with Enter; we listen on the grid (capture phase, before the field sees the Enter).
 * The characters typed into one field since it got the cursor (or since the last Enter, Tab, arrow or Backspace) are
 * kept; when the last `WZ1|…` in them reads as a label, the Enter is ours: the field's own handling never runs and
 * the line the field sits in (its `data-line`) is handed to `onLabel`. Fields that take no text (a lot picker) work
 * the same, since we read keystrokes, not the field. Anything else typed passes through untouched.
 */
import { useRef, type KeyboardEvent } from 'react'
import { LABEL_PREFIX, parseLabel } from '../../../core/stock/labels'

export type ScannedLabel = NonNullable<ReturnType<typeof parseLabel>>

const fieldValue = (el: EventTarget | null) => (el instanceof HTMLInputElement ? el.value : '')
const PASSIVE_KEYS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'Meta', 'Process', 'Unidentified', 'Dead'])

/** The label at the end of what was typed, and where in it the label began. */
export function labelAtEnd(typed: string): { label: ScannedLabel; start: number } | undefined {
  const start = typed.toUpperCase().replace(/｜/g, '|').lastIndexOf(LABEL_PREFIX)
  if (start < 0) return undefined
  const label = parseLabel(typed.slice(start))
  return label ? { label, start } : undefined
}

/** `before`: what the field held before the scanner began typing, to put back when a scan is refused. */
export function useLabelScan(onLabel: (label: ScannedLabel, line: number, field: HTMLElement, before: string) => void) {
  const keys = useRef<{ target: EventTarget | null; text: string; values: string[] }>({ target: null, text: '', values: [] })
  const onKeyDownCapture = (e: KeyboardEvent<HTMLElement>) => {
    const k = keys.current
    if (k.target !== e.target) Object.assign(k, { target: e.target, text: '', values: [] })
    if (e.key === 'Enter') {
      const found = labelAtEnd(k.text)
      const before = found ? k.values[found.start] ?? '' : ''
      Object.assign(k, { text: '', values: [] })
      if (!found) return
      const target = e.target as HTMLElement
      const line = Number(target.closest('[data-line]')?.getAttribute('data-line'))
      if (!Number.isInteger(line)) return
      e.preventDefault()
      e.stopPropagation()
      onLabel(found.label, line, target, before)
      return
    }
    if (PASSIVE_KEYS.has(e.key)) return
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) { Object.assign(k, { text: '', values: [] }); return }
    k.values.push(fieldValue(e.target))
    k.text += e.key
  }
  return { onKeyDownCapture }
}

/** After a scan: leave the field (which also clears a picker's search text) and put the cursor on the line's quantity. */
export function afterScan(field: HTMLElement, tableTestId: string, line: number) {
  field.blur()
  setTimeout(() => {
    const q = document.querySelector<HTMLElement>(`[data-testid="${tableTestId}"] [data-testid="line-${line}-quantity"]`)
    const input = q instanceof HTMLInputElement ? q : q?.querySelector('input')
    input?.focus()
  }, 30)
}
