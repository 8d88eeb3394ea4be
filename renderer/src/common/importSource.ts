/**
 * A chosen Excel or CSV file as an import's `source`: an .xlsx is read into rows here, any other file travels as
 * its bytes (base64) so the core can tell UTF-8 from GBK/GB18030. Every import page reads files this way.
 */
import { readXlsxRows, rowsForImport } from '../../../core/common/xlsx'
import type { MethodInput } from '../../../core/api/contract'

export type ImportSource = MethodInput<'import.preview'>['source']

/** Bytes to base64 in chunks (a 50 000-row file is too large for one String.fromCharCode call). */
function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

export async function readImportSource(file: File): Promise<ImportSource> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (/\.xlsx$/i.test(file.name)) return { format: 'rows', rows: rowsForImport(await readXlsxRows(bytes)) }
  return { format: 'csv', base64: toBase64(bytes) }
}
