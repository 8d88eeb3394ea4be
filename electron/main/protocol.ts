/**
 * app:// serves the built renderer (out/renderer) and nothing else. Pages get a real, secure origin instead of
 * file://, and a request that decodes to a path outside the renderer folder is refused before any file is read.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol, type Session } from 'electron'
import { APP_HOST, APP_SCHEME } from './origin'
import { SECURITY_HEADERS } from './security'

/** Must run before the app is ready: makes app:// a standard, secure scheme that can use fetch and code caching. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

/** The file an app:// URL names inside rendererDir, or undefined if the URL is not ours or would escape the folder. */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | undefined {
  let url: URL
  let relative: string
  try {
    url = new URL(requestUrl)
    relative = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined
  if (relative.includes('\0')) return undefined
  if (relative === '/' || relative === '') relative = '/index.html'
  const root = path.resolve(rendererDir)
  const file = path.resolve(root, `.${relative}`)
  const inside = path.relative(root, file)
  if (!inside || path.isAbsolute(inside) || inside.split(/[\\/]/)[0] === '..') return undefined
  return file
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.wasm': 'application/wasm', '.map': 'application/json',
}

type FetchFile = (fileUrl: string) => Promise<Response>

/** The app:// handler. fetchFile is net.fetch in the app; tests pass their own. */
export function makeAppProtocolHandler(rendererDir: string, fetchFile: FetchFile = (u) => net.fetch(u)) {
  const answer = (status: number, text: string) =>
    new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } })

  return async (request: { url: string; method?: string }): Promise<Response> => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'Method Not Allowed')
    const file = resolveRendererFile(rendererDir, request.url)
    if (!file) return answer(403, 'Forbidden')
    let fileResponse: Response
    try {
      fileResponse = await fetchFile(pathToFileURL(file).href)
    } catch {
      return answer(404, 'Not Found')
    }
    if (!fileResponse.ok) return answer(404, 'Not Found')
    const headers = new Headers(fileResponse.headers)
    if (!headers.has('Content-Type')) headers.set('Content-Type', MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value)
    return new Response(fileResponse.body, { status: 200, headers })
  }
}

/** Serves out/renderer on app:// in this session. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, makeAppProtocolHandler(rendererDir))
}
