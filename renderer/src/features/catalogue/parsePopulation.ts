/**
 * Reads populations pasted from Excel: one region per line, its 12-digit statistical code and a population,
 * separated by tabs, commas or spaces. Full-width digits, thousands separators and a header line are read as meant;
 * an empty population clears it. Returns the rows or the first line that cannot be read (1-based).
 */
export type PopulationParse =
  | { ok: true; rows: Array<{ code: string; population: number | null }> }
  | { ok: false; row: number; text: string }

const halfWidth = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')

export function parsePopulation(text: string): PopulationParse {
  const rows: Array<{ code: string; population: number | null }> = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = halfWidth(lines[i]).trim()
    if (!line) continue
    const cells = line.split(/\t|,(?!\d{3}(?:\D|$))|，|\s{2,}|\s(?=\S)/).map((c) => c.trim()).filter((c, k) => c !== '' || k > 0)
    const codeAt = cells.findIndex((c) => /^\d{12}$/.test(c))
    if (codeAt < 0) {
      if (rows.length === 0 && !/\d{6}/.test(line)) continue // a header line
      return { ok: false, row: i + 1, text: lines[i] }
    }
    const rest = cells.slice(codeAt + 1).filter((c) => c !== '')
    // the population is the last cell (a name may stand between the code and it)
    const raw = rest.length ? rest[rest.length - 1] : undefined
    if (raw !== undefined && !/^[\d,，]+$/.test(raw)) return { ok: false, row: i + 1, text: lines[i] }
    const population = raw === undefined ? null : Number(raw.replace(/[,，]/g, ''))
    if (population !== null && !Number.isSafeInteger(population)) return { ok: false, row: i + 1, text: lines[i] }
    rows.push({ code: cells[codeAt], population })
  }
  return { ok: true, rows }
}
