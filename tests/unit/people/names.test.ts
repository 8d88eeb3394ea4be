/**
 * Issue 14 item 3: people are shown by name. The stock card's 操作人, an order's 流转记录 and the printed 记账 carry the
 * user's display name; a user of another office (known only by the user event that travelled) by the name it carried,
 * with the office; never a UUID-shaped id.
 */
import { describe, expect, it, afterEach } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import type { Core } from '../../../core/app'
import type { Actor } from '../../../core/common/context'
import { peopleNamer } from '../../../core/people/names'

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
let core: Core
afterEach(() => core?.close())

function keeper(c: Core): Actor {
  const u = unwrap<{ id: string; displayName: string }>(c.call('users.create', {
    username: 'wang.keeper', displayName: '王保管', password: 'Correct-Horse-9', roles: ['keeper', 'dispatcher'], scopeKind: 'district',
  }))
  expect(u.id).toMatch(UUID)
  return { id: u.id, name: u.displayName, roles: ['keeper', 'dispatcher'], scope: { kind: 'district' } }
}

describe('people by name, not by id', () => {
  it('the stock card, the printed document, the documents list and an order history name the user', () => {
    core = memoryCore()
    const actor = keeper(core)
    const as = { actor }
    const r = unwrap(core.call('stock.receive', { id: 'rk-name-0001', siteId: 'S-A', docDate: '2026-06-01', lines: [{ itemId: 'SH-001', lotNo: 'N1', quantity: 5 }] }, as))
    const card = unwrap<{ rows: Array<{ author: string }> }>(core.call('stock.card', { siteId: 'S-A', itemId: 'SH-001' }, as))
    expect(card.rows.map((x) => x.author)).toEqual(['王保管'])
    const doc = unwrap<{ authorName: string; docNo: string }>(core.call('stock.document', { id: 'rk-name-0001' }, as))
    expect(doc.docNo).toBe(r.docNo)
    expect(doc.authorName).toBe('王保管')
    const list = unwrap<Array<{ authorName: string }>>(core.call('stock.documents', { siteId: 'S-A', limit: 10 }, as))
    expect(list[0].authorName).toBe('王保管')

    unwrap(core.call('transfer.save', { id: 'order-name-01', fromSiteId: 'S-A', toSiteId: 'S-B', lines: [{ itemId: 'SH-001', requested: 2 }] }, as))
    unwrap(core.call('transfer.transition', { id: 'order-name-01', action: 'approve' }, as))
    const order = unwrap<{ history: Array<{ actorName: string; action: string }> }>(core.call('transfer.get', { id: 'order-name-01' }, as))
    expect(order.history.map((h) => [h.action, h.actorName])).toEqual([['create', '王保管'], ['approve', '王保管']])
    expect(JSON.stringify({ card: card.rows.map((x) => x.author), doc: doc.authorName, hist: order.history.map((h) => h.actorName) })).not.toMatch(UUID)
  })

  it('a user of another office is named from the user event that travelled, with the office; an unknown id is never shown', () => {
    core = memoryCore()
    const db = core.db.$client
    const other = '6c1f0a52-3b7e-4d8a-9e61-2f4b8c0d1e23'
    db.prepare("INSERT INTO replicas (id, name, is_local, seen_seq) VALUES ('R-OTHER', '泗泾镇办公室', 0, 1)").run()
    db.prepare(`INSERT INTO events (id, replica_id, seq, hlc, type, version, entity_id, payload, author, applied_at)
      VALUES ('R-OTHER:1', 'R-OTHER', 1, '0000000001000-0000-R-OTHER', 'user.created', 1, ?, ?, ?, '2026-06-01')`)
      .run(other, JSON.stringify({ id: other, username: 'li', displayName: '李调度' }), other)
    const nameOf = peopleNamer(db)
    expect(nameOf(other, { replicaId: 'R-OTHER' })).toBe('李调度（泗泾镇办公室）')
    expect(nameOf('0d9e8f7a-1111-4222-8333-944455566677')).toBe('其他办公室的用户')
  })
})
