/**
 * What a lot label's QR code says: `WZ1|<item code>|<lot number>`. A keyboard-wedge scanner types it into any item or
 * lot field followed by Enter; the form reads it back with `parseLabel`. Plain text that is not a label gives null.
 */
export const LABEL_PREFIX = 'WZ1|'

export function labelCode(itemCode: string, lotNo: string): string {
  return `${LABEL_PREFIX}${itemCode}|${lotNo}`
}

export function parseLabel(text: string): { itemCode: string; lotNo: string } | null {
  // Scanners on a Chinese IME sometimes send full-width bars; people paste with spaces around.
  const s = text.trim().replace(/｜/g, '|')
  if (!s.toUpperCase().startsWith(LABEL_PREFIX)) return null
  const [itemCode, ...rest] = s.slice(LABEL_PREFIX.length).split('|')
  const lotNo = rest.join('|')
  if (!itemCode || !lotNo) return null
  return { itemCode: itemCode.trim(), lotNo: lotNo.trim() }
}

/** What a site label's QR code says: `WZ1S|<site code>`. */
export const SITE_LABEL_PREFIX = 'WZ1S|'

export function siteLabelCode(siteCode: string): string {
  return `${SITE_LABEL_PREFIX}${siteCode}`
}

export function parseSiteLabel(text: string): { siteCode: string } | null {
  const s = text.trim().replace(/｜/g, '|')
  if (!s.toUpperCase().startsWith(SITE_LABEL_PREFIX)) return null
  const siteCode = s.slice(SITE_LABEL_PREFIX.length).trim()
  return siteCode ? { siteCode } : null
}
