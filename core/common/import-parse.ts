/**
 * Reading what people bring from Excel: bytes in UTF-8 or GBK/GB18030 (detected), CSV or tab-separated text, and
 * the values in it as people mean them — full-width digits, 2025年3月1日, 2025/3/1, Excel serial dates, stray
 * spaces. Anything that cannot be read as meant is reported, never guessed. Pure: no database.
 */
import iconv from 'iconv-lite'
import { stripZeroWidth } from './text'

export type Cell = string | number | boolean | null

export interface Decoded { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' }

/** Strict UTF-8 first (a BOM or not); anything that is not valid UTF-8 is read as GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): Decoded | { error: 'binary' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  // A zip (an .xlsx sent as CSV) or any file with NUL bytes is not text.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return { error: 'binary' }
  if (bytes.subarray(0, 4096).includes(0)) return { error: 'binary' }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    return { text, encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' }
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF, newlines inside quotes); tab-separated when the first line has tabs. */
export function parseDelimited(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++ } else quoted = false
      } else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === sep) { row.push(field); field = '' }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field); rows.push(row); row = []; field = ''
    } else field += c
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row) }
  return rows
}

/** Full-width letters, digits and spaces to their ordinary forms; zero-width characters removed; runs of spaces to one; trimmed. */
export function clean(v: Cell): string {
  if (v == null) return ''
  return stripZeroWidth(String(v).normalize('NFKC')).replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim()
}

const pad = (n: number) => String(n).padStart(2, '0')

function isoIfReal(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null
  return `${y}-${pad(m)}-${pad(d)}`
}

/** Excel's serial day number (1900 date system, with its phantom 1900-02-29) to an ISO date. */
export function fromExcelSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 120000 || Math.floor(n) !== n) return null
  const ms = Date.UTC(1899, 11, 30) + n * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}

/**
 * A date as people write it: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, an Excel serial number, or
 * an ISO timestamp from a spreadsheet cell. `undefined` for an empty cell, `null` for something that is not a
 * real date (2025-02-30, 2025年13月1日, "下月").
 */
export function parseDate(v: Cell): string | null | undefined {
  if (typeof v === 'number') return fromExcelSerial(v)
  const s = clean(v)
  if (!s) return undefined
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s)
  if (m) return isoIfReal(+m[1], +m[2], +m[3])
  m = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+Z?$/.exec(s)
  if (m) return isoIfReal(+m[1], +m[2], +m[3])
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return isoIfReal(+m[1], +m[2], +m[3])
  if (/^\d{5}$/.test(s)) return fromExcelSerial(Number(s))
  return null
}

/** A whole positive quantity: "1,200", "１２" and " 30 " are read; "-5", "3.5", "十" and "" are not. */
export function parseQuantity(v: Cell): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 && v <= 1e9 ? v : null
  const s = clean(v).replace(/(\d),(?=\d{3}(\D|$))/g, '$1')
  if (!/^\d+$/.test(s)) return null
  const n = Number(s)
  return n > 0 && n <= 1e9 ? n : null
}

/** A non-negative money amount: "12.5", "￥1,200.00", "１２". */
export function parseMoney(v: Cell): number | null | undefined {
  if (typeof v === 'number') return v >= 0 ? v : null
  const s = clean(v).replace(/^[¥￥]/, '').replace(/,/g, '').replace(/元$/, '').trim()
  if (!s) return undefined
  if (!/^\d+(\.\d+)?$/.test(s)) return null
  return Number(s)
}
