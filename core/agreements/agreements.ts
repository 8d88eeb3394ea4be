/**
 * 协议储备: partners (enterprises) and the agreements they sign — materials held for us (实物代储), production capacity
 * (产能储备) or transport (运力储备) — with their lines, validity and the tier/region they count for.
 */
import fs from 'node:fs'
import path from 'node:path'
import { and, asc, eq, sql } from 'drizzle-orm'
import { agreementAttachments, agreementLines, agreements, events, items, partners, regions, replicas, sites } from '../../db/schema'
import type { ServiceContext } from '../common/context'
import { appendEvent, type DbOrTx } from '../sync/events'
import { hlcOfEvent, lww, lwwBases } from '../sync/lww'
import { applyRecord, changedFields, pick, type RecordEvent } from '../sync/records'
import { AppError } from '../common/errors'
import { newId } from '../common/ids'
import { daysBetween } from '../common/dates'
import { creditCodeProblem, normalizeCreditCode } from './credit-code'
import { currentDistrict } from '../network/divisions'

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
    const cur = tx.select().from(partners).where(eq(partners.id, id)).get()
    if (input.id && !cur) throw new AppError('NOT_FOUND', { what: '合作企业', whatEn: 'Partner', id }, { field: 'id' })
    const changed = changedFields(cur && pick(cur, PARTNER_FIELDS), row)
    const payload = { ...row, changed, bases: lwwBases(tx, PARTNER_ENTITY, id, changed) }
    const eventId = appendEvent(tx, ctx, { type: 'partner.saved', entityId: id, payload })
    applyPartnerSaved(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), entityId: id, payload })
  })
  return { id }
}

export const PARTNER_ENTITY = 'partner'
const PARTNER_FIELDS = ['name', 'creditCode', 'contact', 'phone', 'address'] as const
type RecordPayload = Record<string, unknown> & { changed?: string[]; bases?: Record<string, string | null> }

/** `partner.saved`, local and received: per-field LWW over the changed fields (older events: every field). */
export function applyPartnerSaved(tx: DbOrTx, e: RecordEvent & { entityId: string; payload: unknown }): void {
  const p = e.payload as RecordPayload
  applyRecord(tx, partners, eq(partners.id, e.entityId), { id: e.entityId }, e, {
    entity: PARTNER_ENTITY, entityId: e.entityId, row: pick(p, PARTNER_FIELDS), changed: p.changed, bases: p.bases,
  })
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
    // a tier without a region counts for no site in compliance: say so instead of saving an agreement that counts nowhere
    if (input.tier && !input.regionCode) throw new AppError('AGREEMENT_TIER_REGION', {}, { field: 'regionCode' })
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
    const cur = tx.select().from(agreements).where(eq(agreements.id, id)).get()
    if (input.id && !cur) throw new AppError('NOT_FOUND', { what: '协议', whatEn: 'Agreement', id }, { field: 'id' })
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
    const changed = changedFields(cur && { ...pick(cur, AGREEMENT_FIELDS), lines: linesOf(tx, id) }, { ...row, lines: lineRows })
    const payload = { ...row, lines: lineRows, changed, bases: lwwBases(tx, AGREEMENT_ENTITY, id, changed) }
    const eventId = appendEvent(tx, ctx, { type: 'agreement.saved', entityId: id, payload })
    applyAgreementSaved(tx, { id: eventId, hlc: hlcOfEvent(tx, eventId), entityId: id, payload })
  })
  return { id }
}

export const AGREEMENT_ENTITY = 'agreement'
const AGREEMENT_FIELDS = ['partnerId', 'agreementNo', 'kind', 'heldAt', 'responseHours', 'validFrom', 'validTo', 'tier', 'regionCode', 'status'] as const
type LineRow = typeof agreementLines.$inferSelect

const linesOf = (tx: DbOrTx, id: string): LineRow[] =>
  tx.select().from(agreementLines).where(eq(agreementLines.agreementId, id)).orderBy(asc(agreementLines.lineNo)).all()

/**
 * `agreement.saved`, local and received: the agreement's fields are per-field LWW, and its lines are one field
 * (the whole list replaces the whole list when that edit wins). Waits for its partner and items (foreign keys).
 */
export function applyAgreementSaved(tx: DbOrTx, e: RecordEvent & { entityId: string; payload: unknown }): void {
  const p = e.payload as RecordPayload & { lines?: LineRow[] }
  const lines = (p.lines ?? []).map((l) => ({
    agreementId: e.entityId, lineNo: l.lineNo, itemId: l.itemId ?? null, quantity: l.quantity ?? null, vehicleType: l.vehicleType ?? null,
    vehicleCount: l.vehicleCount ?? null, vehicleCapacity: l.vehicleCapacity ?? null,
  }))
  const current = tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.id, e.entityId)).get()
  // the lines compete as one field; applyRecord compares them with the lines held now
  const win = applyLinesAware(tx, e, { ...pick(p, AGREEMENT_FIELDS), lines }, p, !!current)
  if ('lines' in win) {
    tx.delete(agreementLines).where(eq(agreementLines.agreementId, e.entityId)).run()
    if (lines.length) tx.insert(agreementLines).values(lines).run()
  }
}

function applyLinesAware(tx: DbOrTx, e: RecordEvent & { entityId: string }, row: Record<string, unknown>, p: RecordPayload, exists: boolean) {
  // The agreements table has no "lines" column: apply the fields there, and the lines' clock through the same lww.
  const { lines, ...fields } = row
  const changed = p.changed ?? Object.keys(row)
  const win = applyRecord(tx, agreements, eq(agreements.id, e.entityId), { id: e.entityId }, e, {
    entity: AGREEMENT_ENTITY, entityId: e.entityId, row: fields, changed: changed.filter((f) => f !== 'lines'), bases: p.bases,
  })
  if (!changed.includes('lines')) return win
  const linesWin = lww(tx, {
    entity: AGREEMENT_ENTITY, entityId: e.entityId, eventId: e.id, hlc: e.hlc, fields: { lines },
    bases: p.bases && 'lines' in p.bases ? { lines: p.bases.lines } : undefined,
    current: exists ? { lines: linesOf(tx, e.entityId) } : undefined,
  })
  return { ...win, ...linesWin }
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
      // `office`: where the file stays, as other offices will name it (see applyAgreementAttached)
      appendEvent(tx, ctx, { type: 'agreement.attached', entityId: input.agreementId, payload: { ...row, office: officeLabel(ctx) } })
      applyAgreementAttached(tx, row)
    })
  } catch (e) {
    fs.rmSync(full, { force: true })
    throw e
  }
  return { id, fileName, size: bytes.length }
}

/**
 * `agreement.attached`, local and received: the attachment's record (name, size, type), created once. The file's
 * bytes do not travel: attachments may be 5 MB (6.7 MB as base64 in an event), more than a sync round should carry
 * (the hub takes 8 MB per request of up to 5 000 events, and every office would keep every file). Another office
 * sees the record and is told which office holds the file (ATTACHMENT_ELSEWHERE).
 */
export function applyAgreementAttached(tx: DbOrTx, row: { id: string; agreementId: string; fileName: string; storedAs: string; size: number; mime?: string | null }): void {
  tx.insert(agreementAttachments).values({
    id: row.id, agreementId: row.agreementId, fileName: row.fileName, storedAs: row.storedAs, size: row.size, mime: row.mime ?? null,
  }).onConflictDoNothing().run()
}

/** How other offices name this one: the region or site of the user's scope (the district, a street, a site). */
function officeLabel(ctx: ServiceContext): string {
  const s = ctx.actor.scope
  if (s.kind === 'site') return ctx.db.select({ name: sites.name }).from(sites).where(eq(sites.id, s.siteId)).get()?.name ?? s.siteId
  const code = s.kind === 'street' ? s.regionCode : currentDistrict(ctx)
  return (code && ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.code, code)).get()?.name) || ctx.replicaId
}

/**
 * The office an attachment was added at, when that is not this installation (null when it is here): the name its
 * event carries, else (events written before) the replica's name or id.
 */
function attachmentOffice(ctx: ServiceContext, a: { id: string; agreementId: string }): string | null {
  const e = ctx.db.select({ replicaId: events.replicaId, payload: events.payload }).from(events)
    .where(and(eq(events.type, 'agreement.attached'), eq(events.entityId, a.agreementId), sql`json_extract(${events.payload}, '$.id') = ${a.id}`)).get()
  if (!e || e.replicaId === ctx.replicaId) return null
  const office = (e.payload as { office?: unknown } | null)?.office
  if (typeof office === 'string' && office) return office
  return ctx.db.select({ name: replicas.name }).from(replicas).where(eq(replicas.id, e.replicaId)).get()?.name ?? e.replicaId
}

/** `office`: where the file is when it was attached at another office (its bytes stay there), else null. */
export function listAttachments(ctx: ServiceContext, agreementId: string) {
  return ctx.db.select({ id: agreementAttachments.id, agreementId: agreementAttachments.agreementId, fileName: agreementAttachments.fileName, size: agreementAttachments.size, mime: agreementAttachments.mime, createdAt: agreementAttachments.createdAt, storedAs: agreementAttachments.storedAs })
    .from(agreementAttachments).where(eq(agreementAttachments.agreementId, agreementId)).orderBy(asc(agreementAttachments.createdAt)).all()
    .map(({ storedAs, agreementId: _a, ...a }) => {
      const here = !!ctx.dataDir && fs.existsSync(path.join(ctx.dataDir, 'attachments', storedAs))
      return { ...a, office: here ? null : attachmentOffice(ctx, { id: a.id, agreementId }) }
    })
}

export function readAttachment(ctx: ServiceContext, id: string) {
  const a = ctx.db.select().from(agreementAttachments).where(eq(agreementAttachments.id, id)).get()
  if (!a) throw new AppError('NOT_FOUND', { what: '附件', whatEn: 'Attachment', id }, { field: 'id' })
  const full = ctx.dataDir && path.join(ctx.dataDir, 'attachments', a.storedAs)
  if (!full || !fs.existsSync(full)) {
    const office = attachmentOffice(ctx, a)
    if (office) throw new AppError('ATTACHMENT_ELSEWHERE', { name: a.fileName, office }, { field: 'id' })
    throw new AppError('ATTACHMENT_MISSING', { name: a.fileName }, { field: 'id' })
  }
  return { fileName: a.fileName, mime: a.mime, contentBase64: fs.readFileSync(full).toString('base64') }
}
