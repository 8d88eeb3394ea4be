/** Small formatting helpers shared by pages. */
export const percent = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1000) / 10 : 0)
export const fmtNumber = (n: number | null | undefined): string => (n == null ? '' : n.toLocaleString('zh-CN'))
