/**
 * The one number box of every form (document lines, counts, targets, capacities, prices, windows): a text box that
 * reads full-width digits as digits and never rewrites what was typed. An invalid value stays visible, turns the box
 * red with a message saying why, and reaches the form as its text (a string) so the form cannot post it; nothing is
 * rounded or clamped. Inside an antd Form.Item use `numberRules` so the form's own message says the same.
 */
import { useContext, useEffect, useState, type CSSProperties, type KeyboardEvent } from 'react'
import { Input } from 'antd'
import { FormItemInputContext } from 'antd/es/form/context'
import type { FormRule as Rule } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { numberValueOf, parseNumberText, type NumberProblem, type NumberRules, type NumberValue } from './numberText'

interface Props extends NumberRules {
  value?: NumberValue
  onChange?: (v: NumberValue) => void
  onPressEnter?: () => void
  onBlur?: () => void
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void
  status?: 'error' | 'warning'
  testId?: string
  id?: string
  placeholder?: string
  size?: 'small' | 'middle' | 'large'
  style?: CSSProperties
  disabled?: boolean
  'aria-label'?: string
  'data-testid'?: string
}

export function numberProblemText(t: TFunction, p: NumberProblem, text?: string): string {
  switch (p.key) {
    case 'notNumber': return t('num.notNumber', { text: text ?? '' })
    case 'notInteger': return t('num.notInteger')
    case 'belowMin': return t('num.belowMin', { min: p.min })
    case 'aboveMax': return t('num.aboveMax', { max: p.max })
    case 'tooManyDecimals': return t('num.tooManyDecimals', { n: p.decimals })
  }
}

/** The message for a field's value, or undefined when it is a valid number or empty. */
export function numberMessage(t: TFunction, v: NumberValue | undefined, rules: NumberRules): string | undefined {
  if (typeof v !== 'string') return undefined
  const r = parseNumberText(v, rules)
  return r.problem ? numberProblemText(t, r.problem, v.trim()) : undefined
}

/** Form.Item rules for a NumberInput with the same rules: the invalid text is refused with the reason. */
export function numberRules(t: TFunction, rules: NumberRules, required?: string): Rule[] {
  return [
    ...(required ? [{ validator: (_: unknown, v: NumberValue | undefined) => (v == null || v === '' ? Promise.reject(new Error(required)) : Promise.resolve()) }] : []),
    { validator: (_: unknown, v: NumberValue | undefined) => { const m = numberMessage(t, v, rules); return m ? Promise.reject(new Error(m)) : Promise.resolve() } },
  ]
}

const textOf = (v: NumberValue | undefined) => (v == null ? '' : String(v))

export function NumberInput({ value, onChange, onPressEnter, onBlur, onKeyDown, status, testId, id, placeholder, size, style, disabled, integer, min, max, decimals, ...rest }: Props) {
  const { t } = useTranslation()
  const rules: NumberRules = { integer, min, max, decimals }
  const [text, setText] = useState(() => textOf(value))
  // follow a value set from outside (a reset, a scan, a record loaded), never one this box just sent
  useEffect(() => {
    if (numberValueOf(text, rules) !== (value ?? null)) setText(textOf(value))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value])
  const inFormItem = useContext(FormItemInputContext).status !== undefined
  const message = numberMessage(t, numberValueOf(text, rules), rules)
  return (
    <span className="number-input" style={style}>
      <Input
        id={id} value={text} inputMode="decimal" autoComplete="off" size={size} disabled={disabled} placeholder={placeholder}
        status={message ? 'error' : status} data-testid={rest['data-testid'] ?? testId} aria-label={rest['aria-label']}
        aria-invalid={message ? true : undefined}
        onChange={(e) => { setText(e.target.value); onChange?.(numberValueOf(e.target.value, rules)) }}
        onBlur={onBlur} onPressEnter={onPressEnter} onKeyDown={onKeyDown}
      />
      {message && !inFormItem && <div className="field-message" role="alert" data-testid={`${rest['data-testid'] ?? testId ?? 'number'}-message`}>{message}</div>}
    </span>
  )
}

/**
 * A number edited in place in a table (plan quantities, populations): saved when the box is left or Enter is pressed,
 * only when valid and changed; an invalid value stays in the box with its message and is not saved.
 */
export function NumberCell({ value, onCommit, allowEmpty, ...props }: Omit<Props, 'value' | 'onChange'> & {
  value: number | null; onCommit: (v: number | null) => void; allowEmpty?: boolean
}) {
  const [draft, setDraft] = useState<NumberValue>(value)
  useEffect(() => { setDraft(value) }, [value])
  const commit = () => {
    if (typeof draft === 'string' || draft === value) return
    if (draft == null && !allowEmpty) { setDraft(value); return }
    onCommit(draft)
  }
  return <NumberInput {...props} value={draft} onChange={setDraft} onBlur={commit} onPressEnter={commit} />
}
