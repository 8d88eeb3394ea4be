/**
 * A planner edits an existing partner and agreement (same id, new values), changes an agreement's committed quantity
 * and ends it; the lists show what was saved and an ended agreement no longer raises a lapse alert.
 */
import { describe, it, expect, afterEach } from 'vitest'
import { memoryCore, unwrap, count } from '../../helpers/core'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'

let core: Core
afterEach(() => core?.close())
const planner: Actor = { id: 'planner-1', name: '规划员', roles: ['planner'], scope: { kind: 'district' } }
const call = (m: string, i: unknown) => unwrap(core.call(m, i, { actor: planner }))
const agreement = (id: string) => call('agreements.list', {}).find((a: { id: string }) => a.id === id)

describe('editing partners and agreements', () => {
  it('a planner changes a partner, an agreement\'s committed quantity, and then ends it', () => {
    core = memoryCore()
    const { id: partnerId } = call('agreements.savePartner', { name: '光明食品', contact: '王经理' })
    expect(call('agreements.savePartner', { id: partnerId, name: '光明食品集团', contact: '李经理', phone: '021-57001234' })).toEqual({ id: partnerId })
    expect(call('agreements.partners', {})).toEqual([expect.objectContaining({ id: partnerId, name: '光明食品集团', contact: '李经理', phone: '021-57001234' })])

    const base = { partnerId, agreementNo: 'XY-2026-01', kind: 'materials', validFrom: '2026-01-01', validTo: '2026-07-15', tier: 'district', regionCode: '310117000000', status: 'active' }
    const { id } = call('agreements.save', { ...base, lines: [{ itemId: 'SP-001', quantity: 500 }] })
    expect(agreement(id)).toMatchObject({ partnerName: '光明食品集团', state: 'lapsing60', lines: [expect.objectContaining({ itemId: 'SP-001', quantity: 500 })] })

    call('agreements.save', { ...base, id, lines: [{ itemId: 'SP-001', quantity: 800 }, { itemId: 'SH-001', quantity: 20 }] })
    expect(call('agreements.list', {})).toHaveLength(1)
    expect(agreement(id).lines.map((l: { itemId: string; quantity: number }) => [l.itemId, l.quantity])).toEqual([['SP-001', 800], ['SH-001', 20]])

    expect(call('agreements.lapsing', {}).map((a: { id: string }) => a.id)).toEqual([id])
    call('agreements.save', { ...base, id, status: 'ended', lines: [{ itemId: 'SP-001', quantity: 800 }] })
    expect(agreement(id)).toMatchObject({ status: 'ended', state: 'ended' })
    expect(call('agreements.lapsing', {})).toEqual([])
  })

  it('a tier without a region is refused on the region field (it would count nowhere in compliance); nothing is written', () => {
    core = memoryCore()
    const { id: partnerId } = call('agreements.savePartner', { name: '光明食品' })
    const events = count(core, 'events')
    const r = core.call('agreements.save', { partnerId, agreementNo: 'XY-T', kind: 'materials', validFrom: '2026-01-01', validTo: '2026-12-31', tier: 'street', status: 'active', lines: [{ itemId: 'SP-001', quantity: 5 }] }, { actor: planner })
    expect(r).toMatchObject({ ok: false, error: { code: 'AGREEMENT_TIER_REGION', field: 'regionCode', message: expect.stringContaining('计入区域') } })
    expect(call('agreements.list', {})).toEqual([])
    expect(count(core, 'events')).toBe(events)
  })

  it('an id that does not exist is refused on the id field; nothing is written', () => {
    core = memoryCore()
    const { id: partnerId } = call('agreements.savePartner', { name: '光明食品' })
    const events = count(core, 'events')
    expect(core.call('agreements.savePartner', { id: 'no-such-partner', name: 'x' }, { actor: planner }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id', message: '找不到合作企业：no-such-partner' } })
    expect(core.call('agreements.save', {
      id: 'no-such-agreement', partnerId, agreementNo: 'X', kind: 'materials', validFrom: '2026-01-01', validTo: '2026-12-31', lines: [{ itemId: 'SP-001', quantity: 1 }],
    }, { actor: planner, lang: 'en' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id', message: 'Agreement not found: no-such-agreement' } })
    expect(count(core, 'events')).toBe(events)
  })
})
