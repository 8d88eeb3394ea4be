/** Posts 2 000-line receipts in a loop until killed; prints "ready" after the first one is committed. */
import { createCore } from '../../../core/app'
import { newId } from '../../../core/common/ids'

const core = createCore({ file: process.argv[2], seed: 'reference' })
const ctx = core.context()
core.db.$client.prepare("INSERT OR IGNORE INTO sites (id, code, name, tier, region_code) VALUES ('S-K','K','杀进程测试库','street','310117001000')").run()
for (let n = 0; ; n++) {
  const lines = Array.from({ length: 2000 }, (_, i) => ({ itemId: 'SH-001', lotNo: `K${n}-${i}`, quantity: 1 }))
  const r = core.call('stock.receive', { id: newId(), siteId: 'S-K', docDate: '2026-06-01', lines }, { lang: 'zh' })
  if (!r.ok) throw new Error(r.error.message)
  if (n === 0) process.stdout.write('ready\n')
  void ctx
}
