import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { transition, TRANSFER_STATES, TRANSFER_ACTIONS, type TransferState, type TransferAction } from '../../../core/dispatch/transfer-state'

/** Every state × action, written out by hand: the next state, or refused. */
const EXPECTED: Record<TransferState, Record<TransferAction, TransferState | null>> = {
  draft: { edit: 'draft', approve: 'approved', dispatch: null, receive: null, receive_short: null, close: null, cancel: 'cancelled' },
  approved: { edit: null, approve: null, dispatch: 'dispatched', receive: null, receive_short: null, close: null, cancel: 'cancelled' },
  dispatched: { edit: null, approve: null, dispatch: null, receive: 'received', receive_short: 'partly_received', close: null, cancel: null },
  partly_received: { edit: null, approve: null, dispatch: null, receive: null, receive_short: null, close: 'closed', cancel: null },
  received: { edit: null, approve: null, dispatch: null, receive: null, receive_short: null, close: 'closed', cancel: null },
  closed: { edit: null, approve: null, dispatch: null, receive: null, receive_short: null, close: null, cancel: null },
  cancelled: { edit: null, approve: null, dispatch: null, receive: null, receive_short: null, close: null, cancel: null },
}

describe('transfer order state machine', () => {
  for (const state of TRANSFER_STATES) {
    for (const action of TRANSFER_ACTIONS) {
      const want = EXPECTED[state][action]
      it(`${state} × ${action} → ${want ?? 'refused'}`, () => {
        const r = transition(state, action)
        if (want) expect(r).toEqual({ ok: true, to: want })
        else {
          expect(r.ok).toBe(false)
          if (!r.ok) {
            expect(r.reason.zh).toMatch(/调拨单.+不能/)
            expect(r.reason.en.length).toBeGreaterThan(10)
          }
        }
      })
    }
  }

  it('cancelling after dispatch says stock has left', () => {
    for (const s of ['dispatched', 'partly_received', 'received', 'closed'] as const) {
      const r = transition(s, 'cancel')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.reason.zh).toContain('物资已发出，不能作废')
    }
  })

  it('any sequence of actions: cancelled only ever before dispatch, and closed/cancelled are final', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TRANSFER_ACTIONS), { maxLength: 30 }), (actions) => {
      let state: TransferState = 'draft'
      let dispatched = false
      for (const a of actions) {
        const r = transition(state, a)
        if (!r.ok) continue
        if (r.to === 'cancelled') expect(dispatched).toBe(false)
        if (state === 'closed' || state === 'cancelled') throw new Error(`left a final state ${state}`)
        if (r.to === 'dispatched') dispatched = true
        state = r.to
      }
    }), { seed: 5205, numRuns: 500 })
  })
})
