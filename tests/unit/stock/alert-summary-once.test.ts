/** The frame's badge and the dashboard mount together: they share one alerts.summary request, not two. */
import { describe, it, expect, vi } from 'vitest'

const calls: string[] = []
let answer: (v: unknown) => void = () => {}
vi.mock('../../../renderer/src/api', () => ({
  api: vi.fn((method: string) => { calls.push(method); return new Promise((r) => { answer = r }) }),
}))

describe('alerts.summary from the UI', () => {
  it('two callers at the same moment make one request; a later one asks again', async () => {
    const { loadAlertSummary } = await import('../../../renderer/src/features/alerts/useAlertSummary')
    const a = loadAlertSummary()
    const b = loadAlertSummary()
    expect(calls).toEqual(['alerts.summary'])
    answer({ total: 3 })
    expect(await a).toEqual({ total: 3 })
    expect(await b).toEqual({ total: 3 })
    const c = loadAlertSummary()
    expect(calls).toEqual(['alerts.summary', 'alerts.summary'])
    answer({ total: 4 })
    expect(await c).toEqual({ total: 4 })
  })
})
