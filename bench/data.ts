/**
 * Large data sets for benchmarks and the grid's scale test: many lots posted as ordinary receipts, so the ledger,
 * the balances and the events are all real.
 */
import type { Core } from '../core/app'
import { addDays } from '../core/common/dates'
import { newId } from '../core/common/ids'

/** Posts `rows` balance rows spread over the installation's active sites, `perDocument` lines per receipt. */
export function addBulkStock(core: Core, rows: number, opts: { today: string; perDocument?: number; onProgress?: (done: number) => void }): number {
  const db = core.db.$client
  const sites = (db.prepare("SELECT id FROM sites WHERE status = 'active' ORDER BY id").all() as Array<{ id: string }>).map((s) => s.id)
  const items = db.prepare('SELECT id, shelf_life_days AS life FROM items ORDER BY id').all() as Array<{ id: string; life: number | null }>
  const per = opts.perDocument ?? 1000
  let done = 0
  for (let d = 0; done < rows; d++) {
    const n = Math.min(per, rows - done)
    const siteId = sites[d % sites.length]
    const lines = Array.from({ length: n }, (_, i) => {
      const item = items[(done + i) % items.length]
      const k = done + i
      return {
        itemId: item.id, lotNo: `BULK-${String(k).padStart(7, '0')}`, quantity: 1 + (k % 97),
        expiryDate: item.life ? addDays(opts.today, (k % 800) - 60) : undefined,
      }
    })
    const r = core.call('stock.receive', { id: newId(), siteId, docDate: opts.today, lines })
    if (!r.ok) throw new Error(r.error.message)
    done += n
    opts.onProgress?.(done)
  }
  return done
}
