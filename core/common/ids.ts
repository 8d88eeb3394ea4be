import { createHash, randomUUID } from 'node:crypto'

export const newId = (): string => randomUUID()

/**
 * A lot's id is derived from its item and lot number, so two offline installations that receive the same lot
 * create the same record and sync merges them instead of duplicating.
 */
export const lotIdFor = (itemId: string, lotNo: string): string =>
  'L' + createHash('sha1').update(`${itemId}\u0000${lotNo}`).digest('hex').slice(0, 20)

/** Lots of items that are not lot-tracked all go into this one lot. */
export const NO_LOT = '—'
