/**
 * Refused calls from signed-out visitors do not flood the audit: per method, one entry per window; the refusals
 * within the window are counted and the next entry says how many were folded into it. Signed-in refusals are
 * never folded.
 */
import { describe, it, expect, afterEach, vi } from 'vitest'
import { memoryCore } from '../../helpers/core'
import { ANONYMOUS_REFUSAL_WINDOW_MS } from '../../../core/api/invoke'
import type { Actor } from '../../../core/common/context'

afterEach(() => { vi.useRealTimers() })

const refusals = (core: ReturnType<typeof memoryCore>, action: string) => core.db.$client
  .prepare("SELECT actor_id AS actorId, outcome, detail FROM audit_log WHERE action = ? AND outcome = 'refused' ORDER BY id").all(action) as Array<{ actorId: string; outcome: string; detail: string }>

describe('refusals of signed-out visitors', () => {
  it('100 identical refused calls leave one entry; after the window the next entry counts the folded ones', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-06-01T08:00:00Z'))
    const core = memoryCore()
    const anonymous = () => core.callWithSession({ client: 'hub' }, 'stock.balances', {}, 'zh').result
    for (let i = 0; i < 100; i++) expect(anonymous()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
    expect(refusals(core, 'stock.balances')).toEqual([expect.objectContaining({ actorId: 'anonymous', detail: '请先登录' })])

    // another method is its own line of the audit
    core.callWithSession({ client: 'hub' }, 'network.tree', {}, 'zh')
    expect(refusals(core, 'network.tree')).toHaveLength(1)

    vi.setSystemTime(new Date(Date.parse('2026-06-01T08:00:00Z') + ANONYMOUS_REFUSAL_WINDOW_MS + 1000))
    anonymous()
    anonymous()
    const rows = refusals(core, 'stock.balances')
    expect(rows).toHaveLength(2)
    expect(rows[1].detail).toContain('另有 99 次相同的未登录调用已合并到本条')
    core.close()
  })

  it('a signed-in user\'s refusals are each written', () => {
    const core = memoryCore()
    const keeper: Actor = { id: 'k1', name: '保管员', roles: ['keeper'], scope: { kind: 'site', siteId: 'S-A' } }
    for (let i = 0; i < 5; i++) expect(core.call('users.list', {}, { actor: keeper })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(refusals(core, 'users.list')).toHaveLength(5)
    core.close()
  })
})
