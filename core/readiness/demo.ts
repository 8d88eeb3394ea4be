/**
 * The demo's readiness norms: what one relocated person needs in the first 24 hours of a typhoon or a flood
 * (a quilt, a folding bed for one in four, water and instant food for a day, a raincoat …), with unit weights so the
 * lorries count, and the bureau's own fleet. Illustrative figures for the demo, to be replaced by the district's own.
 */
import type { ServiceContext } from '../common/context'
import { saveNorms, saveParams, DEFAULT_PARAMS } from './norms'

/** item code → [per person, kg per unit] */
export const TYPHOON_KIT: Record<string, [number, number]> = {
  'SH-003': [1, 2.5], 'SH-006': [0.25, 8], 'SH-009': [0.5, 0.5], 'SP-001': [0.25, 9], 'SP-002': [0.5, 6],
  'SP-003': [0.2, 5], 'FX-003': [0.5, 0.4], 'FX-004': [0.2, 1.2], 'ZM-002': [0.2, 0.3], 'YL-001': [0.02, 1],
  'SH-001': [0.05, 25], 'JS-001': [0.02, 1],
}

export function seedDemoReadiness(ctx: ServiceContext, itemIds: Set<string>): void {
  const lines = Object.entries(TYPHOON_KIT).filter(([id]) => itemIds.has(id)).map(([itemId, [perPerson, kgPerUnit]]) => ({ itemId, perPerson, kgPerUnit }))
  if (!lines.length) return
  saveNorms(ctx, { incidentType: '台风', lines })
  saveNorms(ctx, { incidentType: '暴雨内涝', lines: [...lines.filter((l) => l.itemId !== 'SH-001'), ...(itemIds.has('FX-001') ? [{ itemId: 'FX-001', perPerson: 2, kgPerUnit: 0.1 }] : [])] })
  // the standard scenario: a typhoon that makes 20 000 people leave their homes
  saveParams(ctx, { ...DEFAULT_PARAMS, ownFleet: { count: 6, capacityTonnes: 5, responseHours: 0.5 }, standardPopulation: 20_000 })
}
