/**
 * Password hashing with node:crypto's scrypt, a memory-hard function: guessing one password costs every attacker
 * the same 32 MiB of memory and ~0.1 s of CPU, so a stolen database file cannot be brute-forced on a GPU farm cheaply.
 *
 * Parameters (stored in each hash, so they can be raised later without invalidating old hashes):
 *   N = 2^15 (cost), r = 8 (block size), p = 1 (parallelism) → 128·N·r = 32 MiB per hash; 16-byte random salt;
 *   32-byte key. Stored as `scrypt$N$r$p$<salt base64>$<key base64>`. Comparison is constant-time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const
const maxmem = (N: number, r: number) => 128 * N * r * 2

export function hashPassword(password: string): string {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS
  const salt = randomBytes(saltLength)
  const key = scryptSync(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: maxmem(N, r) })
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export function verifyPassword(password: string, stored: string | null | undefined): boolean {
  if (!stored) return false
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number)
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false
  const salt = Buffer.from(parts[4], 'base64')
  const expected = Buffer.from(parts[5], 'base64')
  const key = scryptSync(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: maxmem(N, r) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** Hashing a throwaway password when the user does not exist, so a login's timing does not tell which names exist. */
let dummy: string | undefined
export function burnVerify(password: string): void {
  dummy ??= hashPassword('not-a-real-password')
  verifyPassword(password, dummy)
}

/** 8+ characters with at least a letter and a digit: short enough to type at a depot, long enough not to guess. */
export function passwordProblem(password: string): 'short' | 'weak' | null {
  if (password.length < 8) return 'short'
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'weak'
  return null
}
