/**
 * The 调拨单 state machine as data and one pure function. No database here: the service asks `transition` whether
 * an action is allowed and which state follows, then does the posting. The UI imports the same table to show
 * only the buttons that can work.
 */
export const TRANSFER_STATES = ['draft', 'approved', 'dispatched', 'partly_received', 'received', 'closed', 'cancelled'] as const
export type TransferState = (typeof TRANSFER_STATES)[number]

/** `receive` = everything shipped arrived; `receive_short` = some shipped did not arrive (a reason is recorded). */
export const TRANSFER_ACTIONS = ['edit', 'approve', 'dispatch', 'receive', 'receive_short', 'close', 'cancel'] as const
export type TransferAction = (typeof TRANSFER_ACTIONS)[number]

/** The allowed transitions: state → action → next state. Anything not listed is refused. */
export const ALLOWED: Record<TransferState, Partial<Record<TransferAction, TransferState>>> = {
  draft: { edit: 'draft', approve: 'approved', cancel: 'cancelled' },
  approved: { dispatch: 'dispatched', cancel: 'cancelled' },
  dispatched: { receive: 'received', receive_short: 'partly_received' },
  partly_received: { close: 'closed' },
  received: { close: 'closed' },
  closed: {},
  cancelled: {},
}

export const STATE_LABELS: Record<TransferState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  approved: { zh: '已审批', en: 'approved' },
  dispatched: { zh: '已发运', en: 'dispatched' },
  partly_received: { zh: '部分签收', en: 'partly received' },
  received: { zh: '已签收', en: 'received' },
  closed: { zh: '已关闭', en: 'closed' },
  cancelled: { zh: '已作废', en: 'cancelled' },
}

export const ACTION_LABELS: Record<TransferAction, { zh: string; en: string }> = {
  edit: { zh: '修改', en: 'edit' },
  approve: { zh: '审批', en: 'approve' },
  dispatch: { zh: '发运', en: 'dispatch' },
  receive: { zh: '签收', en: 'receive' },
  receive_short: { zh: '签收（有短缺）', en: 'receive with a shortfall' },
  close: { zh: '关闭', en: 'close' },
  cancel: { zh: '作废', en: 'cancel' },
}

export type TransitionResult =
  | { ok: true; to: TransferState }
  | { ok: false; reason: { zh: string; en: string } }

/** Whether `action` may happen in `state`, and the state that follows; a refusal says why in both languages. */
export function transition(state: TransferState, action: TransferAction): TransitionResult {
  const to = ALLOWED[state]?.[action]
  if (to) return { ok: true, to }
  const s = STATE_LABELS[state]
  const a = ACTION_LABELS[action]
  if (action === 'cancel' && (state === 'dispatched' || state === 'partly_received' || state === 'received' || state === 'closed')) {
    return { ok: false, reason: { zh: `调拨单${s.zh}，物资已发出，不能作废`, en: `the order is ${s.en}: stock has left the source, it cannot be cancelled` } }
  }
  return { ok: false, reason: { zh: `调拨单${s.zh}，不能${a.zh}`, en: `an order that is ${s.en} cannot ${a.en}` } }
}

/** The actions possible from a state (for buttons). */
export const actionsFrom = (state: TransferState): TransferAction[] => Object.keys(ALLOWED[state]) as TransferAction[]

/** States in which nothing has left the source yet. */
export const BEFORE_DISPATCH: TransferState[] = ['draft', 'approved']
export const OPEN_STATES: TransferState[] = ['draft', 'approved', 'dispatched']

/** An approved or dispatched order past its promised time. */
export const isOverdue = (state: TransferState, dueAt: string | null, now: number): boolean =>
  !!dueAt && (state === 'approved' || state === 'dispatched') && now > Date.parse(dueAt)

/**
 * Late stays late: an order (or a call-up) due at `dueAt` is late while it is open past that time, and stays late once
 * it arrives after it. `lateMinutes` is how late it arrived (or, while open, how late it is so far); null when it has
 * no due time or was not late; `onTime` is null until the order has arrived (or when it has no due time).
 */
export interface Lateness { deliveredAt: string | null; late: boolean; lateMinutes: number | null; onTime: boolean | null }

export function lateness(state: TransferState, dueAt: string | null, receivedAt: string | null, now: number): Lateness {
  const due = dueAt ? Date.parse(dueAt) : NaN
  const deliveredAt = receivedAt && (state === 'received' || state === 'closed') ? receivedAt : null
  if (Number.isNaN(due)) return { deliveredAt, late: false, lateMinutes: null, onTime: null }
  if (deliveredAt) {
    const by = Math.floor((Date.parse(deliveredAt) - due) / 60000)
    return { deliveredAt, late: by > 0, lateMinutes: by > 0 ? by : null, onTime: by <= 0 }
  }
  if (state === 'approved' || state === 'dispatched') {
    const by = Math.floor((now - due) / 60000)
    return { deliveredAt: null, late: by > 0, lateMinutes: by > 0 ? by : null, onTime: null }
  }
  return { deliveredAt: null, late: false, lateMinutes: null, onTime: null }
}

/** On-time rate of the orders that arrived with a due time: on time / arrived (null when none arrived yet). */
export function onTimeRate(rows: Array<Pick<Lateness, 'onTime'>>): { arrived: number; onTime: number; rate: number | null } {
  const arrived = rows.filter((r) => r.onTime !== null)
  const onTime = arrived.filter((r) => r.onTime).length
  return { arrived: arrived.length, onTime, rate: arrived.length ? Math.round((onTime / arrived.length) * 1000) / 10 : null }
}
