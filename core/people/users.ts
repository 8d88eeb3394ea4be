/**
 * Users, passwords and sessions. A user holds one or more roles and one scope; a session token lives only in the
 * transport (the hub's httpOnly cookie, the desktop main process) and only its SHA-256 is stored here.
 */
import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq, sql } from 'drizzle-orm'
import { regions, sessions, sites, users } from '../../db/schema'
import type { Actor, Role, ServiceContext, SessionInfo } from '../common/context'
import { AppError } from '../common/errors'
import { appendEvent, type DbOrTx } from '../sync/events'
import { newId } from '../common/ids'
import { recordAudit } from './audit'
import { burnVerify, hashPassword, passwordProblem, verifyPassword } from './passwords'

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5
export const LOCK_MINUTES = 15
/** A session lasts a working day; after that one logs in again. */
export const SESSION_HOURS = 12

export const ROLES: Role[] = ['keeper', 'planner', 'dispatcher', 'admin']

type UserRow = typeof users.$inferSelect
export interface ScopeInput { scopeKind: 'site' | 'street' | 'district'; scopeRef?: string | null }

export function actorOf(u: Pick<UserRow, 'id' | 'displayName' | 'roles' | 'scopeKind' | 'scopeRef'>): Actor {
  const roles = u.roles.split(',').filter((r): r is Role => (ROLES as string[]).includes(r))
  const scope: Actor['scope'] = u.scopeKind === 'site' ? { kind: 'site', siteId: u.scopeRef ?? '' }
    : u.scopeKind === 'street' ? { kind: 'street', regionCode: u.scopeRef ?? '' } : { kind: 'district' }
  return { id: u.id, name: u.displayName, roles, scope }
}

/** A user as the api shows it: never the hash. */
export function publicUser(u: UserRow) {
  return {
    id: u.id, username: u.username, displayName: u.displayName, roles: actorOf(u).roles, scopeKind: u.scopeKind,
    scopeRef: u.scopeRef, active: u.active, lockedUntil: u.lockedUntil, failedLogins: u.failedLogins,
    mustChangePassword: u.mustChangePassword, createdAt: u.createdAt, passwordChangedAt: u.passwordChangedAt,
  }
}

/**
 * Accounts are local to each installation (README "Who syncs what"): the user.* events record who changed which
 * account, and they travel with the rest of the log (a replica's log has no gaps), but never with a password hash —
 * not in the payload, and not for events written before this rule (`withoutSecrets` strips them on the way out).
 */
export function sharedUserPayload<T extends Record<string, unknown>>(row: T): Omit<T, 'passwordHash'> {
  const { passwordHash: _hash, ...shared } = row
  return shared
}

/** What an event carries when it leaves this installation: user events without any password hash. */
export function withoutSecrets(type: string, payload: unknown): unknown {
  if (!type.startsWith('user.') || !payload || typeof payload !== 'object' || !('passwordHash' in payload)) return payload
  return sharedUserPayload(payload as Record<string, unknown>)
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')
const normalName = (s: string) => s.trim().toLowerCase()

export const countUsers = (db: DbOrTx) => db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0

function checkPassword(password: string, field = 'password'): void {
  const problem = passwordProblem(password)
  if (problem === 'short') throw new AppError('PASSWORD_SHORT', {}, { field })
  if (problem === 'weak') throw new AppError('PASSWORD_WEAK', {}, { field })
}

function checkScope(db: DbOrTx, s: ScopeInput): string | null {
  if (s.scopeKind === 'district') return null
  const ref = s.scopeRef?.trim()
  const ok = !!ref && (s.scopeKind === 'site'
    ? !!db.select({ id: sites.id }).from(sites).where(eq(sites.id, ref)).get()
    : !!db.select({ code: regions.code }).from(regions).where(and(eq(regions.code, ref), eq(regions.level, 'street'))).get())
  if (!ok) throw new AppError('SCOPE_INVALID', { ref: ref ?? '' }, { field: 'scopeRef' })
  return ref!
}

export interface NewUser extends ScopeInput { username: string; displayName: string; password: string; roles: Role[] }

export function createUser(ctx: ServiceContext, input: NewUser, opts: { mustChangePassword?: boolean } = {}) {
  checkPassword(input.password)
  const username = normalName(input.username)
  return ctx.db.transaction((tx) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.username, username)).get()) {
      throw new AppError('USERNAME_TAKEN', { username }, { field: 'username' })
    }
    const scopeRef = checkScope(tx, input)
    const id = newId()
    const row = {
      id, username, displayName: input.displayName.trim(), roles: [...new Set(input.roles)].join(','), scopeKind: input.scopeKind,
      scopeRef, passwordHash: hashPassword(input.password), passwordChangedAt: new Date().toISOString(),
      mustChangePassword: opts.mustChangePassword ?? false,
    }
    // the hash stays in this installation's users table: events travel to other installations (see sharedUserPayload)
    const eventId = appendEvent(tx, ctx, { type: 'user.created', entityId: id, payload: sharedUserPayload(row) })
    tx.insert(users).values(row).run()
    const user = tx.select().from(users).where(eq(users.id, id)).get()!
    ctx.auditNotes?.push({ entity: 'user', entityId: id, after: publicUser(user) })
    return { ...publicUser(user), eventId }
  })
}

export interface UserChange extends Partial<ScopeInput> { id: string; displayName?: string; roles?: Role[]; active?: boolean }

export function updateUser(ctx: ServiceContext, input: UserChange) {
  return ctx.db.transaction((tx) => {
    const before = tx.select().from(users).where(eq(users.id, input.id)).get()
    if (!before) throw new AppError('NOT_FOUND', { what: '用户', whatEn: 'User', id: input.id }, { field: 'id' })
    const change: Partial<UserRow> = {}
    if (input.displayName !== undefined) change.displayName = input.displayName.trim()
    if (input.roles !== undefined) change.roles = [...new Set(input.roles)].join(',')
    if (input.active !== undefined) change.active = input.active
    if (input.scopeKind !== undefined) {
      change.scopeKind = input.scopeKind
      change.scopeRef = checkScope(tx, { scopeKind: input.scopeKind, scopeRef: input.scopeRef })
    }
    const stillAdmin = (change.roles ?? before.roles).split(',').includes('admin') && (change.active ?? before.active)
    if (!stillAdmin && before.roles.split(',').includes('admin') && before.active && activeAdmins(tx) <= 1) {
      throw new AppError('LAST_ADMIN', {}, { field: input.roles !== undefined ? 'roles' : 'active' })
    }
    const eventId = appendEvent(tx, ctx, { type: 'user.updated', entityId: input.id, payload: { id: input.id, ...change } })
    tx.update(users).set(change).where(eq(users.id, input.id)).run()
    // A changed right takes effect at once: the user's sessions end.
    if (change.active === false || change.roles !== undefined || change.scopeKind !== undefined) endSessions(tx, input.id)
    const after = tx.select().from(users).where(eq(users.id, input.id)).get()!
    ctx.auditNotes?.push({ entity: 'user', entityId: input.id, before: publicUser(before), after: publicUser(after) })
    return { ...publicUser(after), eventId }
  })
}

const activeAdmins = (db: DbOrTx) => db.select({ n: sql<number>`count(*)` }).from(users)
  .where(and(eq(users.active, true), sql`(',' || ${users.roles} || ',') LIKE '%,admin,%'`)).get()?.n ?? 0

export function listUsers(ctx: ServiceContext) {
  return ctx.db.select().from(users).orderBy(asc(users.username)).all().map(publicUser)
}

function setPassword(ctx: ServiceContext, tx: DbOrTx, userId: string, password: string, mustChange: boolean): void {
  const change = {
    passwordHash: hashPassword(password), passwordChangedAt: new Date().toISOString(), mustChangePassword: mustChange,
    failedLogins: 0, lockedUntil: null,
  }
  appendEvent(tx, ctx, { type: 'user.password', entityId: userId, payload: { id: userId, passwordChangedAt: change.passwordChangedAt, mustChangePassword: mustChange } })
  tx.update(users).set(change).where(eq(users.id, userId)).run()
  ctx.auditNotes?.push({ entity: 'user', entityId: userId, after: { passwordChangedAt: change.passwordChangedAt, mustChangePassword: mustChange } })
}

/** An administrator sets a temporary password: the account is unlocked, its sessions end, the user must change it. */
export function resetPassword(ctx: ServiceContext, input: { id: string; password: string }) {
  checkPassword(input.password)
  return ctx.db.transaction((tx) => {
    if (!tx.select({ id: users.id }).from(users).where(eq(users.id, input.id)).get()) {
      throw new AppError('NOT_FOUND', { what: '用户', whatEn: 'User', id: input.id }, { field: 'id' })
    }
    setPassword(ctx, tx, input.id, input.password, true)
    endSessions(tx, input.id)
    return { id: input.id }
  })
}

export function changePassword(ctx: ServiceContext, input: { current: string; next: string }) {
  const user = ctx.db.select().from(users).where(eq(users.id, ctx.actor.id)).get()
  if (!user) throw new AppError('NOT_FOUND', { what: '用户', whatEn: 'User', id: ctx.actor.id })
  if (!verifyPassword(input.current, user.passwordHash)) throw new AppError('PASSWORD_WRONG', {}, { field: 'current' })
  checkPassword(input.next, 'next')
  if (input.next === input.current) throw new AppError('PASSWORD_SAME', {}, { field: 'next' })
  ctx.db.transaction((tx) => {
    setPassword(ctx, tx, user.id, input.next, false)
    // other sessions of this user end; this one goes on
    const keep = ctx.session?.token ? tokenHash(ctx.session.token) : ''
    tx.delete(sessions).where(and(eq(sessions.userId, user.id), sql`${sessions.tokenHash} <> ${keep}`)).run()
  })
  if (ctx.session) ctx.session.mustChangePassword = false
  return { changed: true }
}

function endSessions(tx: DbOrTx, userId: string) {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run()
}

function startSession(ctx: ServiceContext, tx: DbOrTx, userId: string, now: number): string {
  const token = randomBytes(32).toString('base64url')
  tx.insert(sessions).values({
    tokenHash: tokenHash(token), userId, client: ctx.session?.client ?? 'test',
    expiresAt: new Date(now + SESSION_HOURS * 3600_000).toISOString(), lastSeenAt: new Date(now).toISOString(),
  }).run()
  if (ctx.session) ctx.session.issued = token
  return token
}

/**
 * Checks a password and starts a session. Every failure counts towards the lockout and is written to the audit
 * trail at once (the caller's transaction must not roll that back), and the message never says whether the name
 * or the password was wrong.
 */
export function login(ctx: ServiceContext, input: { username: string; password: string }, now = Date.now()) {
  const username = normalName(input.username)
  const user = ctx.db.select().from(users).where(eq(users.username, username)).get()
  const audit = (outcome: 'ok' | 'refused' | 'failed', detail: string, actor = user ? actorOf(user) : { id: username, name: username }) =>
    recordAudit(ctx.db, { replicaId: ctx.replicaId, actor, action: outcome === 'ok' ? 'auth.login' : 'auth.loginFailed', outcome, entity: 'user', entityId: user?.id, detail })
  if (!user || !user.active) {
    burnVerify(input.password)
    audit('failed', user ? 'inactive account' : 'unknown user')
    throw new AppError('LOGIN_FAILED', {}, {}, 401)
  }
  if (user.lockedUntil && Date.parse(user.lockedUntil) > now) {
    audit('refused', `locked until ${user.lockedUntil}`)
    throw new AppError('ACCOUNT_LOCKED', { minutes: Math.ceil((Date.parse(user.lockedUntil) - now) / 60_000) }, {}, 429)
  }
  if (!verifyPassword(input.password, user.passwordHash)) {
    const failed = user.failedLogins + 1
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now + LOCK_MINUTES * 60_000).toISOString() : null
    ctx.db.update(users).set({ failedLogins: lockedUntil ? 0 : failed, lockedUntil }).where(eq(users.id, user.id)).run()
    audit('failed', lockedUntil ? `wrong password; locked until ${lockedUntil}` : `wrong password (${failed})`)
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { minutes: LOCK_MINUTES }, {}, 429)
    throw new AppError('LOGIN_FAILED', {}, {}, 401)
  }
  return ctx.db.transaction((tx) => {
    tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id)).run()
    // expired sessions are swept at each login
    tx.delete(sessions).where(sql`${sessions.expiresAt} < ${new Date(now).toISOString()}`).run()
    startSession(ctx, tx, user.id, now)
    if (ctx.session) ctx.session.mustChangePassword = user.mustChangePassword
    audit('ok', ctx.session?.client ?? '')
    return me(tx, actorOf(user), user.mustChangePassword)
  })
}

/** The first administrator of an empty installation; only while there are no users at all. */
export function setupAdministrator(ctx: ServiceContext, input: { username: string; displayName: string; password: string } & Partial<ScopeInput>, now = Date.now()) {
  return ctx.db.transaction((tx) => {
    if (countUsers(tx) > 0) throw new AppError('SETUP_DONE', {}, {}, 409)
    // the first administrator of a joined office has that office's scope (issue 19); otherwise the district's
    const scope: ScopeInput = input.scopeKind && input.scopeKind !== 'district' ? { scopeKind: input.scopeKind, scopeRef: input.scopeRef } : { scopeKind: 'district' }
    const user = createUser(ctx, { username: input.username, displayName: input.displayName, password: input.password, roles: ['admin'], ...scope })
    startSession(ctx, tx, user.id, now)
    return me(tx, actorOf({ ...user, roles: 'admin', scopeRef: scope.scopeRef ?? null }), false)
  })
}

export function logout(ctx: ServiceContext) {
  if (ctx.session?.token) ctx.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(ctx.session.token))).run()
  if (ctx.session) ctx.session.ended = true
  return { loggedOut: true }
}

/** The actor behind a session token, or null when it is unknown, expired or its user is inactive. */
export function sessionActor(db: DbOrTx, token: string | undefined, now = Date.now()): { actor: Actor; mustChangePassword: boolean } | null {
  if (!token) return null
  const row = db.select({ user: users, expiresAt: sessions.expiresAt }).from(sessions).innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash(token))).get()
  if (!row || !row.user.active || Date.parse(row.expiresAt) <= now) return null
  return { actor: actorOf(row.user), mustChangePassword: row.user.mustChangePassword }
}

/** Who is signed in, as the header shows it. */
export function me(db: DbOrTx, actor: Actor, mustChangePassword: boolean) {
  const u = db.select({ username: users.username }).from(users).where(eq(users.id, actor.id)).get()
  return { id: actor.id, username: u?.username ?? actor.id, name: actor.name, roles: actor.roles, scope: actor.scope, mustChangePassword }
}

export type Me = ReturnType<typeof me>
export type { SessionInfo }
