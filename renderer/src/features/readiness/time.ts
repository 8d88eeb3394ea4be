/** An instant as a dispatcher reads it: Shanghai time, YYYY-MM-DD HH:mm. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  // China has one time zone and no daylight saving: UTC+8
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}
