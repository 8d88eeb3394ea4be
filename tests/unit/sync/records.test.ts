/**
 * Planning and network records travel: every event type a service appends has an applier and a hub rule (a scan
 * of core/ that cannot drift), everything a planner does on one office arrives whole at another, and concurrent
 * edits of the same field converge to the later clock with the other kept as a conflict.
 */
import { describe, it, expect, afterEach } from 'vitest'
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import { createCore, type Core } from '../../../core/app'
import { eventsSince, exchangeDirect, receive, vectorOf } from '../../../core/sync/exchange'
import { registeredTypes } from '../../../core/sync/registry'
import { DISTRICT_ONLY, EVENT_TARGET, hubSync, registerDevice, sqliteHubStore } from '../../../core/sync/hub'
import { TRANSFER_ACTIONS } from '../../../core/dispatch/transfer-state'
import { createSite } from '../../../core/network/sites'
import { setSyncFolder } from '../../../core/sync/status'
import { recordOp, recordStep } from '../../helpers/record-ops'
import { renderMessage } from '../../../core/common/errors'
import { tempCore, unwrap, office } from '../../helpers/core'
import { pendingCount, projectionHash, projectionRows, rebuiltFromEvents } from '../../helpers/sync'

const open: Array<{ close(): void }> = []
afterEach(() => { for (const c of open.splice(0)) c.close() })
const call = (c: Core, m: string, i: unknown) => unwrap(c.call(m, i))

// ---------------------------------------------------------------------------------------------------------------
// The scan: which event types does core/ append?

const CORE = path.resolve(__dirname, '../../../core')
const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []))
/** whether the text at `at` is on a comment line (`//`, or a block comment's `/*`, `*` lines) */
const onCommentLine = (s: string, at: number) => /^\s*(\/\/|\/\*|\*)/.test(s.slice(s.lastIndexOf('\n', at) + 1, at + 1))

/**
 * The text from `from` up to the closing bracket of the enclosing call (quotes and nesting respected); with
 * `expression`, already at the first top-level `,` or line end.
 */
function scanFrom(s: string, from: number, expression: boolean): string {
  let depth = 0
  let quote: string | null = null
  for (let i = from; i < s.length; i++) {
    const ch = s[i]
    if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = null; continue }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if ('([{'.includes(ch)) depth++
    else if (')]}'.includes(ch)) { if (depth === 0) return s.slice(from, i); depth-- }
    else if (expression && (ch === ',' || ch === '\n') && depth === 0) return s.slice(from, i)
  }
  return s.slice(from)
}
/** The text from `from` up to the first top-level `,` or closing bracket. */
const expressionAt = (s: string, from: number) => scanFrom(s, from, true)
/** The arguments of a call whose `(` is just before `from`: up to the matching `)`. */
const callArgs = (s: string, from: number) => scanFrom(s, from, false)

/** Template literals the scan knows how to expand: `transfer.${action}` is one event per transfer action but `edit`. */
const TEMPLATES: Record<string, string[]> = {
  'transfer.*': TRANSFER_ACTIONS.filter((a) => a !== 'edit').map((a) => `transfer.${a}`),
}

interface Found { types: Map<string, string[]>; unreadable: string[] }
function appendedTypes(): Found {
  const types = new Map<string, string[]>()
  const unreadable: string[] = []
  for (const file of walk(CORE)) {
    const src = fs.readFileSync(file, 'utf8')
    const rel = path.relative(CORE, file)
    for (const m of src.matchAll(/\bappendEvent\s*\(/g)) {
      if (/function\s+$/.test(src.slice(Math.max(0, m.index! - 20), m.index!))) continue // the definition
      if (onCommentLine(src, m.index!)) continue // an example in a comment (sync/lww.ts)
      const line = src.slice(0, m.index!).split('\n').length
      const args = callArgs(src, m.index! + m[0].length)
      let expr: string | undefined
      const keyed = /(?:^|[{,])\s*type\s*:\s*/.exec(args)
      if (keyed) expr = expressionAt(args, keyed.index + keyed[0].length)
      else if (/[{,]\s*type\s*[,}]/.test(args)) {
        // shorthand `{ type, … }`: the nearest `const type = …` above the call
        const before = src.slice(Math.max(0, m.index! - 3000), m.index!)
        const decl = [...before.matchAll(/\b(?:const|let)\s+type\s*(?::[^=]+)?=\s*/g)].pop()
        if (decl) expr = expressionAt(before, decl.index! + decl[0].length)
      }
      const literals = expr ? [...expr.matchAll(/'([^']+)'|"([^"]+)"|`([^`]+)`/g)].map((x) => x[1] ?? x[2] ?? x[3]) : []
      if (!literals.length) { unreadable.push(`${rel}:${line}: ${expr?.trim() ?? '(no type)'}`); continue }
      for (const lit of literals) {
        const key = lit.replace(/\$\{[^}]*\}/g, '*')
        const expanded = key.includes('*') ? TEMPLATES[key] : [lit]
        if (!expanded) { unreadable.push(`${rel}:${line}: template \`${lit}\` (add its expansion to TEMPLATES)`); continue }
        for (const t of expanded) types.set(t, [...(types.get(t) ?? []), `${rel}:${line}`])
      }
    }
  }
  return { types, unreadable }
}

describe('every event type core appends can be applied elsewhere and is judged by the hub', () => {
  const found = appendedTypes()

  it('the scan reads every appendEvent call, including the conditional and shorthand forms', () => {
    expect(found.unreadable).toEqual([])
    for (const t of ['item.created', 'item.updated', 'request.created', 'request.edited', 'transfer.receive_short', 'site.closed', 'stock.document.posted']) {
      expect([...found.types.keys()]).toContain(t)
    }
  })

  it('no type is appended without a registered applier (it would stay pending on every other installation)', () => {
    const registered = new Set(registeredTypes())
    const missing = [...found.types].filter(([t]) => !registered.has(t)).map(([t, at]) => `${t} (${at.join(', ')})`)
    expect(missing, `event types without an applier: ${missing.join('; ')}`).toEqual([])
  })

  it('no type is appended without an EVENT_TARGET entry (the hub could not tell whose data it writes)', () => {
    const missing = [...found.types].filter(([t]) => !EVENT_TARGET[t] && !DISTRICT_ONLY[t]).map(([t, at]) => `${t} (${at.join(', ')})`)
    expect(missing, `event types without a hub rule: ${missing.join('; ')}`).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Behaviour

const LONGTAN = '310117001001'
const STREET = '310117001000'
const otherStreet = (c: Core) => c.db.$client.prepare("SELECT code FROM regions WHERE level = 'street' AND code <> ? ORDER BY code LIMIT 1").pluck().get(STREET) as string

/** Every planner and network action, through the api, as a district planner would do them on one office. */
function planEverything(a: Core) {
  const item = call(a, 'catalogue.saveItem', { code: 'ZZ-900', name: '折叠床', category: '生活类', unit: '张', returnable: true, lotTracked: false, unitPrice: 300 })
  call(a, 'catalogue.saveItem', { id: item.id, code: 'ZZ-900', name: '折叠床（加宽）', category: '生活类', unit: '张', returnable: true, lotTracked: false, unitPrice: 320 })
  const t = call(a, 'catalogue.saveTarget', { planYear: 2031, tier: 'community', itemId: item.id, mode: 'fixed', quantity: 4, required: true })
  call(a, 'catalogue.saveTarget', { id: t.id, planYear: 2031, tier: 'community', itemId: item.id, mode: 'fixed', quantity: 6, minimum: 2, required: true })
  call(a, 'catalogue.saveTarget', { planYear: 2031, tier: 'street', itemId: 'SH-001', mode: 'per1000', quantity: 1.5, required: false })
  call(a, 'catalogue.copyTargets', { fromYear: 2031, toYear: 2032 })
  const copied = call(a, 'catalogue.targets', { planYear: 2032 }) as Array<{ id: string; tier: string }>
  call(a, 'catalogue.deleteTarget', { id: copied.find((x) => x.tier === 'street')!.id })
  call(a, 'catalogue.setPopulations', { rows: [{ code: LONGTAN, population: 12000 }, { code: STREET, population: 98000 }] })
  call(a, 'compliance.setWeight', { weight: 0.5 })
  const partner = call(a, 'agreements.savePartner', { name: '松江物资公司', contact: '王经理', phone: '021-57000000' })
  call(a, 'agreements.savePartner', { id: partner.id, name: '松江物资有限公司', contact: '王经理', phone: '021-57000001' })
  const ag = call(a, 'agreements.save', {
    partnerId: partner.id, agreementNo: 'XY-2026-9', kind: 'materials', validFrom: '2026-01-01', validTo: '2026-12-31', status: 'active',
    tier: 'street', regionCode: STREET, lines: [{ itemId: 'SH-001', quantity: 20 }],
  })
  call(a, 'agreements.save', {
    id: ag.id, partnerId: partner.id, agreementNo: 'XY-2026-9', kind: 'materials', validFrom: '2026-01-01', validTo: '2027-06-30', status: 'active',
    tier: 'street', regionCode: STREET, lines: [{ itemId: 'SH-001', quantity: 25 }, { itemId: item.id, quantity: 10 }],
  })
  call(a, 'agreements.attach', { agreementId: ag.id, fileName: '协议.pdf', mime: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 协议').toString('base64') })
  call(a, 'plan.editLine', { planYear: 2031, tier: 'community', itemId: item.id, quantity: 9, unitPrice: 310, note: '加宽款' })
  call(a, 'plan.editLine', { planYear: 2031, tier: 'street', itemId: 'SH-001', quantity: 3 })
  call(a, 'plan.editLine', { planYear: 2031, tier: 'street', itemId: 'SH-001', quantity: null })
  call(a, 'network.importDistrict', { areaCode: '310115' })
  const s = call(a, 'network.openSite', { code: 'LT-9', name: '龙潭临时点', tier: 'community', regionCode: LONGTAN, ownership: 'self', openedOn: '2021-01-01', serves: [LONGTAN] })
  call(a, 'network.updateSite', { id: s.id, keeper: '李四', phone: '13800000000', capacity: '200 m²' })
  call(a, 'network.closeSite', { id: s.id, closedOn: '2026-05-01', reason: '搬迁' })
  call(a, 'network.reopenSite', { id: s.id, openedOn: '2026-05-20' })
  return { itemId: item.id, agreementId: ag.id, siteId: s.id }
}

describe('planning and network records reach the other office', () => {
  it('everything a planner does arrives whole: nothing pending, the same projections, rebuilt the same from the events', () => {
    const a = tempCore()
    open.push({ close: () => a.cleanup() })
    const b = office()
    const { agreementId } = planEverything(a)
    exchangeDirect(a.context(), b.context())
    expect(pendingCount(b)).toBe(0)
    expect(projectionHash(b)).toBe(projectionHash(a))
    const rows = projectionRows(b)
    expect(rows.settings).toEqual([{ key: 'compliance.agreementWeight', value: '0.5' }])
    expect((rows.regions as Array<{ code: string }>).some((r) => r.code.startsWith('310115'))).toBe(true)
    expect(rows.procurement_plan_lines).toHaveLength(1)
    const fresh = rebuiltFromEvents(a)
    open.push(fresh)
    expect(pendingCount(fresh)).toBe(0)
    expect(projectionHash(fresh)).toBe(projectionHash(a))
    // the attachment's record travelled; its file stays where it was attached, and the other office says so
    const [att] = call(b, 'agreements.attachments', { agreementId })
    expect(att).toMatchObject({ fileName: '协议.pdf', office: '松江区' }) // the attaching planner's office: the district
    const r = b.call('agreements.attachment', { id: att.id })
    expect(r).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_ELSEWHERE' } })
    expect(renderMessage('ATTACHMENT_ELSEWHERE', { name: '协议.pdf', office: 'X' }, 'zh')).toContain('X 办公室')
    expect(call(a, 'agreements.attachments', { agreementId })[0].office).toBeNull()
    expect(call(a, 'agreements.attachment', { id: att.id }).fileName).toBe('协议.pdf')
  })

  it('exchanging again changes nothing', () => {
    const a = tempCore()
    open.push({ close: () => a.cleanup() })
    const b = office()
    planEverything(a)
    exchangeDirect(a.context(), b.context())
    const hash = projectionHash(b)
    exchangeDirect(a.context(), b.context())
    exchangeDirect(b.context(), a.context())
    expect(projectionHash(a)).toBe(hash)
    expect(projectionHash(b)).toBe(hash)
  })
})

const itemInput = (over: Record<string, unknown>) => ({ id: 'SH-001', code: 'SH-001', name: '帐篷', category: '生活类', unit: '顶', returnable: true, lotTracked: true, unitPrice: 1800, ...over })
/** this office's own latest event of a type */
const lastEvent = (c: Core, type: string) =>
  c.db.$client.prepare('SELECT id, hlc FROM events WHERE type = ? AND replica_id = ? ORDER BY seq DESC LIMIT 1').get(type, c.replicaId) as { id: string; hlc: string }
const conflictsOn = (c: Core, entity: string, entityId: string) =>
  c.db.$client.prepare("SELECT field, winner_event_id AS winner, loser_event_id AS loser FROM conflicts WHERE kind = 'lww' AND entity = ? AND entity_id = ?").all(entity, entityId) as Array<{ field: string; winner: string; loser: string }>
const itemRow = (c: Core) => c.db.$client.prepare("SELECT name, unit, unit_price AS price FROM items WHERE id = 'SH-001'").get() as { name: string; unit: string; price: number }

describe('concurrent edits of records', () => {
  it('the same item field edited on two offices converges to the later clock on both, with one conflict recorded', () => {
    const a = office(), b = office()
    const base = itemRow(a)
    call(a, 'catalogue.saveItem', itemInput({ name: '帐篷（A 改）', unit: base.unit, unitPrice: base.price }))
    call(b, 'catalogue.saveItem', itemInput({ name: '帐篷（B 改）', unit: base.unit, unitPrice: base.price }))
    const ea = lastEvent(a, 'item.updated'), eb = lastEvent(b, 'item.updated')
    const later = ea.hlc > eb.hlc ? { e: ea, name: '帐篷（A 改）' } : { e: eb, name: '帐篷（B 改）' }
    const earlier = later.e === ea ? eb : ea
    exchangeDirect(a.context(), b.context())
    expect(itemRow(a).name).toBe(later.name)
    expect(itemRow(b).name).toBe(later.name)
    expect(projectionHash(a)).toBe(projectionHash(b))
    for (const c of [a, b]) expect(conflictsOn(c, 'item', 'SH-001')).toEqual([{ field: 'name', winner: later.e.id, loser: earlier.id }])
  })

  it('different fields of one item edited on two offices are both kept, without a conflict', () => {
    const a = office(), b = office()
    const base = itemRow(a)
    call(a, 'catalogue.saveItem', itemInput({ name: '单帐篷', unit: base.unit, unitPrice: base.price }))
    call(b, 'catalogue.saveItem', itemInput({ name: base.name, unit: base.unit, unitPrice: 2100 }))
    exchangeDirect(a.context(), b.context())
    for (const c of [a, b]) {
      expect(itemRow(c)).toEqual({ name: '单帐篷', unit: base.unit, price: 2100 })
      expect(conflictsOn(c, 'item', 'SH-001')).toEqual([])
    }
  })

  it('the same new item code added on two offices offline becomes one item, not one stuck behind the unique code', () => {
    const a = office(), b = office()
    const ia = call(a, 'catalogue.saveItem', { code: 'ZZ-901', name: '睡袋', category: '生活类', unit: '个', unitPrice: 120 })
    const ib = call(b, 'catalogue.saveItem', { code: 'ZZ-901', name: '睡袋（冬季）', category: '生活类', unit: '个', unitPrice: 150 })
    expect(ia.id).toBe(ib.id)
    exchangeDirect(a.context(), b.context())
    for (const c of [a, b]) {
      expect(pendingCount(c)).toBe(0)
      expect(c.db.$client.prepare("SELECT count(*) FROM items WHERE code = 'ZZ-901'").pluck().get()).toBe(1)
    }
    expect(projectionHash(a)).toBe(projectionHash(b))
  })

  it('a target deleted on one office and edited on another ends as the later of the two on both', () => {
    for (const deleteLast of [false, true]) {
      const a = office(), b = office()
      const t = call(a, 'catalogue.saveTarget', { planYear: 2031, tier: 'community', itemId: 'SH-001', mode: 'fixed', quantity: 4, required: true })
      exchangeDirect(a.context(), b.context())
      const edit = () => call(b, 'catalogue.saveTarget', { id: t.id, planYear: 2031, tier: 'community', itemId: 'SH-001', mode: 'fixed', quantity: 7, required: true })
      const del = () => call(a, 'catalogue.deleteTarget', { id: t.id })
      if (deleteLast) { edit(); del() } else { del(); edit() }
      const deletedWins = lastEvent(a, 'target.deleted').hlc > lastEvent(b, 'target.saved').hlc
      exchangeDirect(a.context(), b.context())
      for (const c of [a, b]) {
        const rows = call(c, 'catalogue.targets', { planYear: 2031 }) as Array<{ id: string; quantity: number }>
        expect(rows.find((r) => r.id === t.id)?.quantity).toBe(deletedWins ? undefined : 7)
        expect(conflictsOn(c, 'target', t.id)).toHaveLength(1)
      }
      expect(projectionHash(a)).toBe(projectionHash(b))
    }
  })

  it('a site closed on one office and edited on another keeps both; closed and reopened concurrently ends with the later', () => {
    const a = office(), b = office()
    const s = call(a, 'network.openSite', { code: 'LT-8', name: '龙潭点', tier: 'community', regionCode: LONGTAN, ownership: 'self', openedOn: '2021-01-01', serves: [] })
    exchangeDirect(a.context(), b.context())
    call(a, 'network.closeSite', { id: s.id, closedOn: '2026-05-01' })
    call(b, 'network.updateSite', { id: s.id, keeper: '张三', serves: [LONGTAN] })
    exchangeDirect(a.context(), b.context())
    for (const c of [a, b]) expect(call(c, 'network.site', { id: s.id })).toMatchObject({ status: 'closed', closedOn: '2026-05-01', keeper: '张三', serves: [LONGTAN] })
    // both offices see it closed; one reopens, the other edits the closing date
    call(a, 'network.reopenSite', { id: s.id, openedOn: '2026-05-10' })
    exchangeDirect(a.context(), b.context())
    expect(call(b, 'network.site', { id: s.id })).toMatchObject({ status: 'active', closedOn: null, openedOn: '2026-05-10' })
    expect(projectionHash(a)).toBe(projectionHash(b))
  })

  it('a site.updated written before the payload carried {changes, bases} still applies', () => {
    const a = office(), b = office()
    const s = call(a, 'network.openSite', { code: 'LT-7', name: '龙潭点', tier: 'community', regionCode: LONGTAN, ownership: 'self', openedOn: '2021-01-01', serves: [] })
    const old = {
      id: `${a.replicaId}:99`, replicaId: a.replicaId, seq: 99, hlc: '009999999999999-00000-' + a.replicaId, type: 'site.updated', version: 1,
      entityId: s.id, payload: { keeper: '旧格式', serves: [LONGTAN] }, author: 'demo',
    }
    receive(b.context(), [...eventsSince(a.db, {}), old])
    expect(call(b, 'network.site', { id: s.id })).toMatchObject({ keeper: '旧格式', serves: [LONGTAN] })
  })
})

describe('events written before this change (payloads without changed/bases) still apply', () => {
  it('item, target, partner, agreement, plan line, population, weight and site events in the old shapes', () => {
    const a = office(), b = office()
    call(a, 'network.openSite', { id: 'old-site', code: 'OLD-1', name: '旧点', tier: 'community', regionCode: LONGTAN, ownership: 'self', openedOn: '2021-01-01', serves: [] })
    exchangeDirect(a.context(), b.context())
    let seq = a.db.$client.prepare('SELECT max(seq) FROM events WHERE replica_id = ?').pluck().get(a.replicaId) as number
    const ev = (type: string, entityId: string, payload: unknown) => {
      seq++
      return { id: `${a.replicaId}:${seq}`, replicaId: a.replicaId, seq, hlc: `001700000000000-${String(seq).padStart(5, '0')}-${a.replicaId}`, type, version: 1, entityId, payload, author: 'demo' }
    }
    const item = { code: 'OLD-9', name: '旧物资', category: '生活类', nationalCode: null, unit: '个', spec: null, shelfLifeDays: null, returnable: false, lotTracked: false, unitPrice: 10, active: true }
    const target = { planYear: 2031, tier: 'community', itemId: 'old-item', mode: 'fixed', quantity: 3, minimum: null, required: true, regionCode: null, siteId: null }
    const partner = { name: '旧企业', creditCode: null, contact: null, phone: null, address: null }
    const agreement = {
      partnerId: 'old-partner', agreementNo: 'OLD-XY', kind: 'materials', heldAt: null, responseHours: null, validFrom: '2026-01-01', validTo: '2026-12-31',
      tier: null, regionCode: null, status: 'active', lines: [{ agreementId: 'old-ag', lineNo: 1, itemId: 'old-item', quantity: 8, vehicleType: null, vehicleCount: null, vehicleCapacity: null }],
    }
    const old = [
      ev('item.created', 'old-item', item), ev('item.updated', 'old-item', { ...item, name: '旧物资（改）' }),
      ev('target.saved', 'old-target', target), ev('target.saved', 'old-target-2', { ...target, tier: 'street' }), ev('target.deleted', 'old-target-2', {}),
      ev('partner.saved', 'old-partner', partner), ev('agreement.saved', 'old-ag', agreement),
      ev('plan.lineEdited', '2031|community|old-item', { planYear: 2031, tier: 'community', itemId: 'old-item', quantity: 4 }),
      ev('regions.population', 'regions', { rows: [{ code: LONGTAN, population: 5000 }] }),
      ev('setting.changed', 'compliance.agreementWeight', { value: 0 }),
      ev('site.closed', 'old-site', { closedOn: '2026-03-01', reason: null }), ev('site.reopened', 'old-site', { openedOn: '2026-04-01' }),
    ]
    receive(b.context(), old.reverse()) // in any order
    expect(pendingCount(b)).toBe(0)
    const q = (sql: string) => b.db.$client.prepare(sql).get()
    expect(q("SELECT name FROM items WHERE id = 'old-item'")).toEqual({ name: '旧物资（改）' })
    expect(q("SELECT count(*) AS n FROM tier_targets WHERE id IN ('old-target', 'old-target-2')")).toEqual({ n: 1 })
    expect(q("SELECT quantity FROM agreement_lines WHERE agreement_id = 'old-ag'")).toEqual({ quantity: 8 })
    expect(q("SELECT quantity FROM procurement_plan_lines WHERE item_id = 'old-item'")).toEqual({ quantity: 4 })
    expect(q(`SELECT population FROM regions WHERE code = '${LONGTAN}'`)).toEqual({ population: 5000 })
    expect(q("SELECT value FROM settings WHERE key = 'compliance.agreementWeight'")).toEqual({ value: '0' })
    expect(q("SELECT status, opened_on AS o, closed_on AS c FROM sites WHERE id = 'old-site'")).toEqual({ status: 'active', o: '2026-04-01', c: null })
  })
})

describe('settings: the district-wide counting rule travels, an installation\'s own settings do not', () => {
  it('the agreement weight arrives, the later of two concurrent changes wins; a local setting is never an event', () => {
    const a = office(), b = office()
    call(a, 'compliance.setWeight', { weight: 0.5 })
    call(b, 'compliance.setWeight', { weight: 0 })
    const later = lastEvent(a, 'setting.changed').hlc > lastEvent(b, 'setting.changed').hlc ? '0.5' : '0'
    setSyncFolder(a.context(), '/tmp/共享文件夹')
    exchangeDirect(a.context(), b.context())
    for (const c of [a, b]) expect(projectionRows(c).settings).toEqual([{ key: 'compliance.agreementWeight', value: later }])
    expect(conflictsOn(a, 'setting', 'compliance.agreementWeight')).toHaveLength(1)
    expect(a.db.$client.prepare("SELECT count(*) FROM events WHERE payload LIKE '%共享文件夹%'").pluck().get()).toBe(0)
    expect(b.db.$client.prepare("SELECT value FROM settings WHERE key = 'sync.folder'").pluck().get()).toBeUndefined()
  })

  it('a setting.changed naming a local key (from a forged or future event) changes nothing and is not left pending', () => {
    const b = office()
    receive(b.context(), [{
      id: 'other:1', replicaId: 'other', seq: 1, hlc: '001764000000000-00000-other', type: 'setting.changed', version: 1,
      entityId: 'sync.hubUrl', payload: { value: 'http://evil.example' }, author: 'x',
    }])
    expect(pendingCount(b)).toBe(0)
    expect(b.db.$client.prepare("SELECT value FROM settings WHERE key = 'sync.hubUrl'").pluck().get()).toBeUndefined()
  })
})

describe('the hub judges record events by whose data they write', () => {
  async function setup() {
    const hub = office(), district = office(), street = office()
    const store = sqliteHubStore(hub.context())
    const other = otherStreet(hub)
    call(district, 'network.openSite', { id: 'own', code: 'ST-OWN', name: '本街道库', tier: 'street', regionCode: STREET, ownership: 'self', openedOn: '2021-01-01', serves: [] })
    call(district, 'network.openSite', { id: 'theirs', code: 'ST-OTHER', name: '外街道库', tier: 'street', regionCode: other, ownership: 'self', openedOn: '2021-01-01', serves: [] })
    const districtToken = registerDevice(hub.context(), { name: '区应急局', scopeKind: 'district' }).token
    await hubSync(hub.context(), store, districtToken, { vector: vectorOf(district.db), events: eventsSince(district.db, {}) })
    const streetToken = registerDevice(hub.context(), { name: '岳阳街道', scopeKind: 'street', scopeRef: STREET }).token
    const first = await hubSync(hub.context(), store, streetToken, { vector: vectorOf(street.db), events: [] })
    receive(street.context(), first.events)
    const send = () => hubSync(hub.context(), store, streetToken, { vector: vectorOf(street.db), events: eventsSince(street.db, vectorOf(hub.db)) })
    return { hub, street, send }
  }
  const keeper = (c: Core, id: string) => c.db.$client.prepare('SELECT keeper FROM sites WHERE id = ?').pluck().get(id)

  it('a fresh street installation whose first administrator was just set up may sync (user.* change nothing elsewhere)', async () => {
    const { hub, street, send } = await setup()
    unwrap(street.call('auth.setup', { username: 'jd-admin', displayName: '街道管理员', password: 'Street2026!' }))
    call(street, 'network.updateSite', { id: 'own', keeper: '新保管员' })
    await send()
    expect(keeper(hub, 'own')).toBe('新保管员')
    expect(hub.db.$client.prepare("SELECT count(*) FROM users WHERE username = 'jd-admin'").pluck().get()).toBe(0) // accounts stay local
  })

  it('a street device may edit its own street\'s site', async () => {
    const { hub, street, send } = await setup()
    call(street, 'network.updateSite', { id: 'own', keeper: '街道保管员' })
    await send()
    expect(keeper(hub, 'own')).toBe('街道保管员')
  })

  it('a street device is refused for another street\'s site.updated, and for target.saved; nothing is stored', async () => {
    const { hub, street, send } = await setup()
    const before = hub.db.$client.prepare('SELECT count(*) FROM events').pluck().get()
    call(street, 'network.updateSite', { id: 'theirs', keeper: '越权' })
    await expect(send()).rejects.toMatchObject({ code: 'SYNC_OUT_OF_SCOPE' })
    expect(keeper(hub, 'theirs')).toBeNull()
    const s2 = await setup()
    call(s2.street, 'catalogue.saveTarget', { planYear: 2031, tier: 'street', itemId: 'SH-001', mode: 'fixed', quantity: 1, required: true })
    await expect(s2.send()).rejects.toMatchObject({ code: 'SYNC_DISTRICT_ONLY' })
    expect(s2.hub.db.$client.prepare("SELECT count(*) FROM events WHERE type = 'target.saved'").pluck().get()).toBe(0)
    expect(hub.db.$client.prepare('SELECT count(*) FROM events').pluck().get()).toBe(before)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// A property focused on records: three planners' offices edit the same records while offline and exchange with
// holes, reordering and duplicates; once all have talked, all hold the same projections and nothing is pending.
// (The whole-system property in sync.convergence.property.test.ts has these operations too, more thinly.)

type Exchange = { k: 'exchange'; a: number; b: number; fault: 'none' | 'reorder' | 'holes' | 'duplicate'; cut: number }
const exchangeOp: fc.Arbitrary<Exchange> = fc.record({
  k: fc.constant('exchange' as const), a: fc.nat(2), b: fc.nat(2), fault: fc.constantFrom('none', 'reorder', 'holes', 'duplicate'), cut: fc.nat(10),
})

describe('records converge (property, fixed seed)', () => {
  it('three offices editing the same records offline end with the same projections, nothing pending', () => {
    fc.assert(fc.property(fc.array(fc.oneof({ weight: 3, arbitrary: recordOp }, { weight: 1, arbitrary: exchangeOp }), { minLength: 10, maxLength: 40 }), (ops) => {
      const cores = [office(), office(), office()]
      const items = ['SH-001', 'SH-002', 'SH-003']
      cores.forEach((c, i) => createSite(c.context(), { id: `rs-${i}`, code: `RS-${i}`, name: `点${i}`, tier: 'community', regionCode: LONGTAN }))
      const sites = ['rs-0', 'rs-1', 'rs-2']
      for (const o of ops) {
        if (o.k === 'record') {
          const c = cores[o.r % 3]
          recordStep(c, o, items, sites.filter((s) => c.db.$client.prepare('SELECT 1 FROM sites WHERE id = ?').get(s)))
        } else if (o.a !== o.b) {
          let batch = eventsSince(cores[o.a].db, vectorOf(cores[o.b].db))
          if (o.fault === 'reorder') batch = [...batch].reverse()
          if (o.fault === 'holes') batch = batch.filter((_, i) => (i + o.cut) % 3 !== 0)
          if (o.fault === 'duplicate') batch = [...batch, ...batch]
          receive(cores[o.b].context(), batch)
        }
      }
      for (let round = 0; round < 2; round++) {
        exchangeDirect(cores[0].context(), cores[1].context())
        exchangeDirect(cores[1].context(), cores[2].context())
        exchangeDirect(cores[2].context(), cores[0].context())
      }
      const hash = projectionHash(cores[0])
      for (const c of cores) {
        expect(pendingCount(c)).toBe(0)
        expect(projectionHash(c)).toBe(hash)
      }
      const fresh = rebuiltFromEvents(cores[0])
      expect(projectionHash(fresh)).toBe(hash)
      fresh.close()
      cores.forEach((c) => c.close())
      open.splice(0)
    }), { seed: 20261129, numRuns: 30, endOnFailure: true })
  }, 120_000)
})
