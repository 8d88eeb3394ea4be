/**
 * The hub's guards: the session cookie, the CSRF double-submit token, the login rate limit and the security headers.
 * The session token is in an httpOnly, SameSite=Strict cookie the page's scripts cannot read; the CSRF token is in a
 * readable SameSite=Strict cookie that the page copies into the `x-csrf-token` header of every api call, which a
 * page on another origin can neither read nor forge.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { CookieSerializeOptions } from '@fastify/cookie'
import { SESSION_HOURS } from '../core/people/users'

export const SESSION_COOKIE = 'reserve_sid'
export const CSRF_COOKIE = 'reserve_csrf'
export const CSRF_HEADER = 'x-csrf-token'

/** A login or first-run setup from one address: this many per minute, then 429. */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: 60_000 }

/** The same policy as the desktop app's, plus framing refused (the hub is reached by a browser). */
export const HUB_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ')

export const HUB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': HUB_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
}

const cookieBase = (req: FastifyRequest): CookieSerializeOptions => ({
  path: '/', sameSite: 'strict', secure: req.protocol === 'https',
})

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  if (token) reply.setCookie(SESSION_COOKIE, token, { ...cookieBase(req), httpOnly: true, maxAge: SESSION_HOURS * 3600 })
  else reply.clearCookie(SESSION_COOKIE, { ...cookieBase(req), httpOnly: true })
}

/** Every page load gets a CSRF token cookie if it has none. */
export function ensureCsrfCookie(req: FastifyRequest, reply: FastifyReply): void {
  if (!req.cookies[CSRF_COOKIE]) reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...cookieBase(req), httpOnly: false })
}

/** Whether the request's header repeats its CSRF cookie. */
export function csrfMatches(req: FastifyRequest): boolean {
  const cookie = req.cookies[CSRF_COOKIE]
  const header = req.headers[CSRF_HEADER]
  if (!cookie || typeof header !== 'string') return false
  const a = Buffer.from(cookie)
  const b = Buffer.from(header)
  return a.length === b.length && timingSafeEqual(a, b)
}
