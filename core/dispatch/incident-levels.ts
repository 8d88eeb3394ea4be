/** Plain lists shared by the contract and the UI (no database imports). */
export const INCIDENT_TYPES = ['台风', '暴雨内涝', '火灾', '地震', '地质灾害', '其他'] as const
export const INCIDENT_LEVELS = ['I', 'II', 'III', 'IV'] as const
