import Database from 'better-sqlite3'
import { memoryCore } from './tests/helpers/core'
import { newId } from './core/ids'
const core = memoryCore(['S-A'])
const raw = new Database(':memory:')
raw.exec('CREATE TABLE l (a,b,c,d,e,f,g); CREATE TABLE m (a,b,c,d,e,f,g); CREATE TABLE lots (a primary key,b,c,d,e,f,g); CREATE TABLE fc (a,b,c,d,e, primary key(a,b,c)); CREATE TABLE bal (a,b,c,d, primary key(a,b,c))')
const ins = ['l','m'].map(t=>raw.prepare(`INSERT INTO ${t} VALUES (?,?,?,?,?,?,?)`))
const lot = raw.prepare('INSERT INTO lots VALUES (?,?,?,?,?,?,?)')
const fc = raw.prepare('INSERT INTO fc VALUES (?,?,?,?,?)'); const bal = raw.prepare('INSERT INTO bal VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET d=d+excluded.d')
for (let k = 0; k < 4; k++) {
  const lines = Array.from({ length: 5000 }, (_, j) => ({ itemId: 'SH-001', lotNo: `B${k}-${j}`, expiryDate: '2030-01-01', quantity: 1 }))
  let t = performance.now()
  const r = core.call('stock.receive', { id: newId(), siteId: 'S-A', docDate: '2026-06-01', lines })
  const ours = performance.now() - t
  t = performance.now()
  raw.transaction(() => { for (const [j,l] of lines.entries()) { for (const s of ins) s.run(k,j,l.itemId,l.lotNo,l.quantity,'x','y'); lot.run(`${k}-${j}`,1,2,3,4,5,6); for (const f of ['a','b','c','d']) fc.run('lot', `${k}-${j}`, f, 'h', 'e'); bal.run('S', l.itemId, `${k}-${j}`, 1) } })()
  const base = performance.now() - t
  console.log(r.ok, ours.toFixed(0), base.toFixed(0), (ours/base).toFixed(1)+'x')
}
