/**
 * stock.balances' total (the dashboard's expiry counts, the grid's row count) is counted by a shorter query when
 * only the expiry, the site or the scope filter: it must equal the rows the page query finds, for every filter.
 */
import { describe, it, expect } from 'vitest'
import { memoryCore, unwrap } from '../../helpers/core'
import { addDays } from '../../../core/common/dates'

const TODAY = '2026-06-01'

describe('stock.balances total', () => {
  it('equals the rows listed, for every expiry filter, with and without a site, before and after a posting', () => {
    const core = memoryCore(['S-A', 'S-B'], TODAY)
    try {
      const items = core.db.$client.prepare('SELECT id FROM items ORDER BY id LIMIT 6').pluck().all() as string[]
      const post = (k: number) => unwrap(core.call('stock.receive', {
        id: `rcv-${String(k).padStart(6, '0')}`, siteId: k % 2 ? 'S-A' : 'S-B', docDate: TODAY, acceptExpired: true,
        lines: Array.from({ length: 30 }, (_, i) => ({ itemId: items[i % items.length], lotNo: `K${k}-${i}`, quantity: 1 + i, expiryDate: i % 5 === 4 ? undefined : addDays(TODAY, (i * 13) % 200 - 40) })),
      }))
      post(1); post(2)
      const check = () => {
        for (const expiry of ['all', 'expired', 'near30', 'near90', 'ok'] as const) {
          for (const filter of [{}, { siteId: 'S-A' }, { itemId: items[1] }, { search: 'K1-' }]) {
            const page = unwrap(core.call('stock.balances', { ...filter, expiry, limit: 5000 })) as { rows: unknown[]; total: number }
            expect(page.total, `${expiry} ${JSON.stringify(filter)}`).toBe(page.rows.length)
          }
        }
      }
      check()
      post(3)
      check()
    } finally {
      core.close()
    }
  })
})
