/**
 * Where the app's own pages come from: the privileged app:// scheme in every build, and — only while developing
 * from source — electron-vite's dev server on localhost. Every guard (navigation, IPC sender, window loading)
 * asks this module, so there is one definition of "our page".
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

function parse(url: string | undefined | null): URL | undefined {
  if (!url) return undefined
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/** Whether a URL is one of the app's own pages. Node's URL gives non-special schemes a null origin, so compare parts. */
export function isAppUrl(url: string | undefined | null): boolean {
  const u = parse(url)
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password
}

/**
 * The dev server URL electron-vite passes in ELECTRON_RENDERER_URL, accepted only in an unpackaged app and only on
 * this machine (http on localhost); anything else is ignored so a stray environment variable cannot point the
 * window at a remote site.
 */
export function devServerUrl(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined
  const u = parse(raw)
  if (!u || u.protocol !== 'http:' || !LOCAL_HOSTS.has(u.hostname) || u.username || u.password) return undefined
  return u.href
}

/** A predicate for "this URL is our page": app:// always, plus the dev server's exact origin when there is one. */
export function trustedPageUrl(devUrl?: string): (url: string | undefined | null) => boolean {
  const devOrigin = devUrl ? parse(devUrl)?.origin : undefined
  return (url) => isAppUrl(url) || (!!devOrigin && parse(url)?.origin === devOrigin)
}
