/**
 * Invisible and look-alike values (issue 20, item 6), through the real api door: text made only of zero-width
 * characters is empty, codes and user names that differ only by a zero-width character, full-width letters or a
 * Cyrillic look-alike are the same (or refused), and NUL or bidi overrides are never stored.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { memoryCore, unwrap, count } from '../../helpers/core'
import type { Core } from '../../../core/app'

const ZW = '\u200b\u200c\u200d\ufeff'
const YUEYANG = '310117001000'
let core: Core
beforeEach(() => { core = memoryCore(['S-A']) })
afterEach(() => core.close())

const required = (field: string) => ({ ok: false, error: { code: 'VALIDATION', field, message: expect.stringContaining('必须填写') } })
const site = (over: Record<string, unknown>) => ({ code: 'JZ-001', name: '九亭储备点', tier: 'street', regionCode: YUEYANG, ...over })

describe('text made only of zero-width characters is empty', () => {
  it('site, item, partner and incident names, units, a write-off reason and a lot number are required', () => {
    expect(core.call('network.openSite', site({ name: ZW }))).toMatchObject(required('name'))
    expect(core.call('catalogue.saveItem', { code: 'ZW-1', name: ZW, category: '生活类', unit: '件' })).toMatchObject(required('name'))
    expect(core.call('catalogue.saveItem', { code: 'ZW-1', name: '毛毯', category: '生活类', unit: ` ${ZW} ` })).toMatchObject(required('unit'))
    expect(core.call('agreements.savePartner', { name: ZW })).toMatchObject(required('name'))
    expect(core.call('incident.save', { id: 'inc-zw', name: ZW, type: '台风', startedAt: '2026-05-30' })).toMatchObject(required('name'))
    unwrap(core.call('stock.receive', { id: 'rcv-zw-000001', siteId: 'S-A', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: 'L1', quantity: 5 }] }))
    const lotId = core.db.$client.prepare("SELECT id FROM lots WHERE lot_no = 'L1'").pluck().get() as string
    expect(core.call('stock.writeOff', { id: 'wo-zw-000001', siteId: 'S-A', docDate: '2026-05-02', type: 'scrap', reason: ZW, lines: [{ itemId: 'SH-001', lotId, quantity: 1 }] }))
      .toMatchObject(required('reason'))
    expect(core.call('stock.receive', { id: 'rcv-zw-000002', siteId: 'S-A', docDate: '2026-05-01', lines: [{ itemId: 'SH-001', lotNo: ZW, quantity: 5 }] }))
      .toMatchObject({ ok: false, error: { code: 'LOT_REQUIRED', field: 'lotNo', row: 1 } })
  })

  it('zero-width characters inside a name are removed, not stored', () => {
    const made = unwrap<{ id: string }>(core.call('network.openSite', site({ name: `九亭${ZW}储备点` })))
    expect(core.db.$client.prepare('SELECT name FROM sites WHERE id = ?').pluck().get(made.id)).toBe('九亭储备点')
  })
})

describe('codes and user names are compared on their normalised form', () => {
  it('a site code with a zero-width character or in full-width letters is the existing code', () => {
    unwrap(core.call('network.openSite', site({})))
    expect(core.call('network.openSite', site({ code: 'JZ-001\u200b', name: '另一个' }))).toMatchObject({ ok: false, error: { code: 'SITE_CODE_TAKEN', field: 'code' } })
    expect(core.call('network.openSite', site({ code: 'ＪＺ－００１', name: '另一个' }))).toMatchObject({ ok: false, error: { code: 'SITE_CODE_TAKEN', field: 'code' } })
  })

  it('an item code in full-width letters is the existing code', () => {
    const code = core.db.$client.prepare("SELECT code FROM items WHERE id = 'SH-001'").pluck().get() as string
    const fullWidth = [...code].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('')
    expect(core.call('catalogue.saveItem', { code: fullWidth, name: '仿冒物资', category: '生活类', unit: '件' }))
      .toMatchObject({ ok: false, error: { code: 'ITEM_CODE_TAKEN', field: 'code' } })
  })

  it('a code with a Cyrillic look-alike is refused, saying codes are ASCII/CJK', () => {
    const r = core.call('network.openSite', site({ code: 'JZ-00\u0031\u0410' })) // Cyrillic А
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'code' } })
    expect(!r.ok && r.error.message).toContain('U+0410')
    expect(!r.ok && r.error.message).toContain('西里尔')
    const en = core.call('network.openSite', site({ code: 'JZ-00А' }), { lang: 'en' })
    expect(!en.ok && en.error.message).toMatch(/^code: .*Cyrillic/)
  })

  it('user names: admin\\u200b and ａｄｍｉｎ are admin; a Cyrillic а is refused', () => {
    const user = (username: string) => core.call('users.create', { username, displayName: '冒充者', password: 'Start1234', roles: ['keeper'], scopeKind: 'district' })
    unwrap(user('admin2'))
    expect(user('admin2\u200b')).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN', field: 'username' } })
    expect(user('ａｄｍｉｎ２')).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN', field: 'username' } })
    expect(user('\u0430dmin2')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'username' } })
    expect(count(core, 'users')).toBe(1)
  })
})

describe('control and bidi characters are refused, naming the field', () => {
  it('NUL in a site name, a right-to-left override in a partner name, nothing stored', () => {
    const before = count(core, 'sites')
    const nul = core.call('network.openSite', site({ name: '九亭\u0000储备点' }))
    expect(nul).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } })
    expect(!nul.ok && nul.error.message).toBe('名称：含有控制字符 U+0000（如 NUL），请删除后重新输入')
    const rlo = core.call('agreements.savePartner', { name: '某公司\u202egpj.exe' }, { lang: 'en' })
    expect(rlo).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } })
    expect(!rlo.ok && rlo.error.message).toMatch(/^name: contains the bidirectional control character U\+202E/)
    expect(count(core, 'sites')).toBe(before)
    expect(count(core, 'partners')).toBe(0)
  })

  it('line breaks and tabs in a note are kept', () => {
    const r = core.call('stock.receive', { id: 'rcv-note-00001', siteId: 'S-A', docDate: '2026-05-01', reason: '第一行\n第二行\t备注', lines: [{ itemId: 'SH-001', lotNo: 'L9', quantity: 1 }] })
    expect(r).toMatchObject({ ok: true })
  })
})
