/**
 * Guards that keep the window on the app's own pages with no more power than a web page: navigation, new
 * windows, <webview>, permission prompts, and the Content-Security-Policy sent with every app:// response.
 */
import { app, shell, type Session, type WebContents } from 'electron'

/** Same policy as renderer/index.html's meta tag; sent as a header too so it holds even if the page's tag is lost. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:"

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
}

type IsTrustedUrl = (url: string | undefined | null) => boolean

/** Only https links leave the app, and only into the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/** Attaches the navigation, new-window and webview guards to one WebContents. */
export function guardWebContents(contents: WebContents, isTrusted: IsTrustedUrl): void {
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isTrusted(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-frame-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** Guards every WebContents the app ever creates (windows, devtools, anything a bug might open). */
export function installContentGuards(isTrusted: IsTrustedUrl): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isTrusted))
}

/** The app needs no camera, microphone, location, notifications, USB, HID or serial: refuse them all. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
