/** One installation-local setting (table `settings`): read it, or write it whether or not it is there yet. */
import { eq } from 'drizzle-orm'
import { settings } from '../../db/schema'
import type { DbOrTx } from '../sync/events'

export const getSetting = (db: DbOrTx, key: string): string | null =>
  db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value ?? null

export function putSetting(db: DbOrTx, key: string, value: string): void {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run()
}
