import type { FastifyInstance } from 'fastify'

/** A browser's cookies against the hub (app.inject): a CSRF token from a page load, then a login. */
export async function hubSession(app: FastifyInstance, username?: string, password?: string) {
  const page = await app.inject({ method: 'GET', url: '/healthz' })
  const jar: Record<string, string> = {}
  const take = (res: { cookies: Array<{ name: string; value: string }> }) => { for (const c of res.cookies) jar[c.name] = c.value }
  take(page)
  const headers = () => ({ cookie: Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': jar.reserve_csrf })
  if (username) {
    const res = await app.inject({ method: 'POST', url: '/api/auth.login', payload: { username, password }, headers: headers() })
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
    take(res)
  }
  return {
    jar,
    headers,
    post: async (method: string, body: unknown, extra: Record<string, string> = {}) => {
      const res = await app.inject({ method: 'POST', url: `/api/${method}`, payload: body as object, headers: { ...headers(), ...extra } })
      take(res)
      return res
    },
  }
}
