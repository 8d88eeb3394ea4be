/** Agreement documents: kept in the data folder, listed, read back byte for byte; bad ones refused with nothing left behind. */
import { describe, it, expect, afterAll } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { tempCore, unwrap, count } from '../../helpers/core'

const core = tempCore()
afterAll(() => core.cleanup())
const { id: partnerId } = unwrap(core.call('agreements.savePartner', { name: '上海应急装备有限公司' }))
const { id: agreementId } = unwrap(core.call('agreements.save', {
  partnerId, agreementNo: 'XY-A', kind: 'materials', validFrom: '2026-01-01', validTo: '2026-12-31', lines: [{ itemId: 'SH-001', quantity: 50 }],
}))

describe('agreement attachments', () => {
  it('stores the file under the data folder and reads it back', () => {
    const content = Buffer.from('%PDF-1.4 协议正文 …')
    const a = unwrap(core.call('agreements.attach', { agreementId, fileName: '../../储备协议 2026.pdf', mime: 'application/pdf', contentBase64: content.toString('base64') }))
    expect(a).toMatchObject({ fileName: '储备协议 2026.pdf', size: content.length })
    const files = fs.readdirSync(path.join(core.dataDir, 'attachments', agreementId))
    expect(files).toEqual([`${a.id}-储备协议 2026.pdf`])
    expect(unwrap(core.call('agreements.attachments', { agreementId })).map((x: { fileName: string }) => x.fileName)).toEqual(['储备协议 2026.pdf'])
    const back = unwrap(core.call('agreements.attachment', { id: a.id }))
    expect(Buffer.from(back.contentBase64, 'base64').equals(content)).toBe(true)
  })

  it('refuses an empty or too large file and an unknown agreement, keeping nothing', () => {
    const before = count(core, 'agreement_attachments')
    const events = count(core, 'events')
    expect(core.call('agreements.attach', { agreementId, fileName: 'a.pdf', contentBase64: Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64') }))
      .toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过 5 MB' } })
    expect(core.call('agreements.attach', { agreementId, fileName: 'a.pdf', contentBase64: '=' })).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_EMPTY' } })
    expect(core.call('agreements.attach', { agreementId: 'nope', fileName: 'a.pdf', contentBase64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'agreementId' } })
    expect(count(core, 'agreement_attachments')).toBe(before)
    expect(count(core, 'events')).toBe(events)
    expect(fs.readdirSync(path.join(core.dataDir, 'attachments', agreementId))).toHaveLength(before)
  })
})
