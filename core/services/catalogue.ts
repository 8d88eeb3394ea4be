/** 指导目录: the items the network stocks. */
import { asc, eq } from 'drizzle-orm'
import { items } from '../../db/schema'
import type { ServiceContext } from '../context'

export function listItems(ctx: ServiceContext) {
  return ctx.db.select().from(items).where(eq(items.active, true)).orderBy(asc(items.code)).all()
}
