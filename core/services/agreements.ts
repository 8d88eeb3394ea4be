/**
 * 协议储备: partners (enterprises) and the agreements they sign — materials held for us (实物代储), production capacity
 * (产能储备) or transport (运力储备) — with their lines, validity and the tier/region they count for.
 */
import fs from 'node:fs'
import path from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { agreementAttachments, agreementLines, agreements, items, partners, regions } from '../../db/schema'
import type { ServiceContext } from '../context'
import { appendEvent } from '../events'
import { AppError } from '../errors'
import { newId } from '../ids'
import { daysBetween } from '../dates'
import { creditCodeProblem, normalizeCreditCode } from '../domain/creditCode'

export interface PartnerFields { name: string; creditCode?: string | null; contact?: string | null; phone?: string | null; address?: string | null }

export function savePartner(ctx: ServiceContext, input: PartnerFields & { id?: string }): { id: string } {
  const id = input.id ?? newId()
  const creditCode = input.creditCode ? normalizeCreditCode(input.creditCode) : null
  if (creditCode) {
    const problem = creditCodeProblem(creditCode)
    if (problem) throw new AppError('CREDIT_CODE', { code: creditCode, problem }, { field: 'creditCode' })
  }
  ctx.db.transaction((tx) => {
    if (creditCode) {
      const clash = tx.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.creditCode, creditCode)).get()
      if (clash && clash.id !== id) throw new AppError('CREDIT_CODE_TAKEN', { code: creditCode, partner: clash.name }, { field: 'creditCode' })
    }
    const row = { name: input.name, creditCode, contact: input.contact ?? null, phone: input.phone ?? null, address: input.address ?? null }
    const exists = tx.select({ id: partners.id }).from(partners).where(eq(partners.id, id)).get()
    if (input.id && !exists) throw new AppError('NOT_FOUND', { what: '合作企业', whatEn: 'Partner', id }, { field: 'id' })
    appendEvent(tx, ctx, { type: 'partner.saved', entityId: id, payload: row })
    if (exists) tx.update(partners).set(row).where(eq(partners.id, id)).run()
    else tx.insert(partners).values({ id, ...row }).run()
  })
  return { id }
}

export function listPartners(ctx: ServiceContext) {
  return ctx.db.select().from(partners).orderBy(asc(partners.name)).all()
}

export interface AgreementLineInput {
  itemId?: string | null; quantity?: number | null; vehicleType?: string | null; vehicleCount?: number | null; vehicleCapacity?: string | null
}
export interface AgreementFields {
  partnerId: string; agreementNo: string; kind: 'materials' | 'capacity' | 'transport'; heldAt?: string | null
  responseHours?: number | null; validFrom: string; validTo: string; tier?: 'district' | 'street' | 'community' | null
  regionCode?: string | null; status: 'draft' | 'active' | 'ended'; lines: AgreementLineInput[]
}

export function saveAgreement(ctx: ServiceContext, input: AgreementFields & { id?: string }): { id: string } {
  const id = input.id ?? newId()
  if (input.validTo < input.validFrom) throw new AppError('AGREEMENT_DATES', {}, { field: 'validTo' })
  ctx.db.transaction((tx) => {
    if (!tx.select({ id: partners.id }).from(partners).where(eq(partners.id, input.partnerId)).get()) {
      throw new AppError('NOT_FOUND', { what: '合作企业', whatEn: 'Partner', id: input.partnerId }, { field: 'partnerId' })
    }
    if (input.regionCode && !tx.select({ c: regions.code }).from(regions).where(eq(regions.code, input.regionCode)).get()) {
      throw new AppError('NOT_FOUND', { what: '区域', whatEn: 'Region', id: input.regionCode }, { field: 'regionCode' })
    }
    input.lines.forEach((l, i) => {
      const row = i + 1
      if (input.kind === 'transport') {
        if (!l.vehicleType) throw new AppError('AGREEMENT_LINE', { kind: 'transport', missing: '车型', missingEn: 'vehicle type' }, { row, field: 'vehicleType' })
        if (!l.vehicleCount) throw new AppError('AGREEMENT_LINE', { kind: 'transport', missing: '车辆数', missingEn: 'vehicle count' }, { row, field: 'vehicleCount' })
      } else {
        if (!l.itemId) throw new AppError('AGREEMENT_LINE', { kind: input.kind, missing: '物资', missingEn: 'item' }, { row, field: 'itemId' })
        if (!tx.select({ id: items.id }).from(items).where(eq(items.id, l.itemId)).get()) {
          throw new AppError('NOT_FOUND', { what: '物资', whatEn: 'Item', id: l.itemId }, { row, field: 'itemId' })
        }
        if (!l.quantity) throw new AppError('AGREEMENT_LINE', { kind: input.kind, missing: '数量', missingEn: 'quantity' }, { row, field: 'quantity' })
      }
    })
    const exists = tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, id)).get()
    if (input.id && !exists) throw new AppError('NOT_FOUND', { what: '协议', whatEn: 'Agreement', id }, { field: 'id' })
    const { lines, ...fields } = input
    const row = {
      partnerId: fields.partnerId, agreementNo: fields.agreementNo, kind: fields.kind, heldAt: fields.heldAt ?? null,
      responseHours: fields.responseHours ?? null, validFrom: fields.validFrom, validTo: fields.validTo, tier: fields.tier ?? null,
      regionCode: fields.regionCode ?? null, status: fields.status,
    }
    const lineRows = lines.map((l, i) => ({
      agreementId: id, lineNo: i + 1, itemId: l.itemId ?? null, quantity: l.quantity ?? null, vehicleType: l.vehicleType ?? null,
      vehicleCount: l.vehicleCount ?? null, vehicleCapacity: l.vehicleCapacity ?? null,
    }))
    appendEvent(tx, ctx, { type: 'agreement.saved', entityId: id, payload: { ...row, lines: lineRows } })
    if (exists) {
      tx.update(agreements).set(row).where(eq(agreements.id, id)).run()
      tx.delete(agreementLines).where(eq(agreementLines.agreementId, id)).run()
    } else tx.insert(agreements).values({ id, ...row }).run()
    if (lineRows.length) tx.insert(agreementLines).values(lineRows).run()
  })
  return { id }
}

export type AgreementState = 'draft' | 'ended' | 'notYet' | 'valid' | 'lapsing60' | 'lapsing30' | 'lapsed'

/** Where an agreement stands on a day: lapsing within 60 or 30 days, lapsed after its last valid day. */
export function agreementState(a: { status: string; validFrom: string; validTo: string }, today: string): { state: AgreementState; daysLeft: number } {
  const daysLeft = daysBetween(today, a.validTo)
  if (a.status === 'draft') return { state: 'draft', daysLeft }
  if (a.status === 'ended') return { state: 'ended', daysLeft }
  if (today < a.validFrom) return { state: 'notYet', daysLeft }
  if (daysLeft < 0) return { state: 'lapsed', daysLeft }
  if (daysLeft <= 30) return { state: 'lapsing30', daysLeft }
  if (daysLeft <= 60) return { state: 'lapsing60', daysLeft }
  return { state: 'valid', daysLeft }
}

export function listAgreements(ctx: ServiceContext) {
  const today = ctx.today()
  const partnerName = new Map(listPartners(ctx).map((p) => [p.id, p.name]))
  const lines = ctx.db.select().from(agreementLines).orderBy(asc(agreementLines.lineNo)).all()
  const byAgreement = new Map<string, typeof lines>()
  for (const l of lines) byAgreement.set(l.agreementId, [...(byAgreement.get(l.agreementId) ?? []), l])
  return ctx.db.select().from(agreements).orderBy(asc(agreements.validTo)).all().map((a) => ({
    ...a, partnerName: partnerName.get(a.partnerId) ?? '', lines: byAgreement.get(a.id) ?? [], ...agreementState(a, today),
  }))
}

/** Agreements that lapse within 60 days (or already lapsed while still marked active): the alert list. */
export function lapsingAgreements(ctx: ServiceContext) {
  return listAgreements(ctx).filter((a) => a.state === 'lapsing60' || a.state === 'lapsing30' || a.state === 'lapsed')
}

// Attachments ----------------------------------------------------------------------------------------------------

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

/** A file name safe to keep on any file system: no folders, no reserved characters, not empty. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^\.+/, '').trim().slice(0, 120)
  return clean || 'file'
}

/**
 * Keeps a document with an agreement: the bytes go to <data>/attachments/<agreement>/<id>-<name> (written to a
 * temporary name, then renamed), the record and its event in one transaction; if that fails the file is removed.
 */
export function attachToAgreement(ctx: ServiceContext, input: { agreementId: string; fileName: string; mime?: string | null; contentBase64: string }) {
  if (!ctx.dataDir) throw new AppError('ATTACHMENT_NO_FOLDER', {}, {})
  const agreement = ctx.db.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, input.agreementId)).get()
  if (!agreement) throw new AppError('NOT_FOUND', { what: '协议', whatEn: 'Agreement', id: input.agreementId }, { field: 'agreementId' })
  const bytes = Buffer.from(input.contentBase64, 'base64')
  if (bytes.length === 0) throw new AppError('ATTACHMENT_EMPTY', {}, { field: 'contentBase64' })
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }, { field: 'contentBase64' })
  const id = newId()
  const fileName = safeFileName(input.fileName)
  const storedAs = path.join(input.agreementId.replace(/[^\w-]/g, '_'), `${id}-${fileName}`)
  const full = path.join(ctx.dataDir, 'attachments', storedAs)
  fs.mkdirSync(path.dirname(full), { recursive: true })
  fs.writeFileSync(`${full}.tmp`, bytes)
  fs.renameSync(`${full}.tmp`, full)
  try {
    ctx.db.transaction((tx) => {
      const row = { id, agreementId: input.agreementId, fileName, storedAs, size: bytes.length, mime: input.mime ?? null }
      appendEvent(tx, ctx, { type: 'agreement.attached', entityId: input.agreementId, payload: row })
      tx.insert(agreementAttachments).values(row).run()
    })
  } catch (e) {
    fs.rmSync(full, { force: true })
    throw e
  }
  return { id, fileName, size: bytes.length }
}

export function listAttachments(ctx: ServiceContext, agreementId: string) {
  return ctx.db.select({ id: agreementAttachments.id, fileName: agreementAttachments.fileName, size: agreementAttachments.size, mime: agreementAttachments.mime, createdAt: agreementAttachments.createdAt })
    .from(agreementAttachments).where(eq(agreementAttachments.agreementId, agreementId)).orderBy(asc(agreementAttachments.createdAt)).all()
}

export function readAttachment(ctx: ServiceContext, id: string) {
  const a = ctx.db.select().from(agreementAttachments).where(eq(agreementAttachments.id, id)).get()
  if (!a) throw new AppError('NOT_FOUND', { what: '附件', whatEn: 'Attachment', id }, { field: 'id' })
  const full = ctx.dataDir && path.join(ctx.dataDir, 'attachments', a.storedAs)
  if (!full || !fs.existsSync(full)) throw new AppError('ATTACHMENT_MISSING', { name: a.fileName }, { field: 'id' })
  return { fileName: a.fileName, mime: a.mime, contentBase64: fs.readFileSync(full).toString('base64') }
}
