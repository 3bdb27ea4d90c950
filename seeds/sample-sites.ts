// Deterministic sample sites for demos, labelled `source: sample` and 【样例】 in the
// name so that nobody mistakes one for a real station. A seeded PRNG (never
// Math.random) makes every run produce the same sites, so external ids stay stable
// and reloading is idempotent.
import type { Accessibility, Amenity, ElderService, Kind, ParkGrade, ParkType } from '../worker/core/vocabulary';
import { DISTRICTS, type District } from './districts';
import { prng } from './prng';
import type { SiteSeed } from './site-seed';
import { STREETS } from './streets';

/** Marks every sample name; the web and the API can show it as-is. */
export const SAMPLE_PREFIX = '【样例】';
export const SAMPLE_DESCRIPTION = '演示用样例数据，并非真实站点。';
/** Seed of the generator: changing it moves every sample. */
export const SAMPLE_SEED = 0x6c696e6c; // "linl"

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
/** Each item kept with probability p, order preserved. */
const some = <T>(rng: Rng, list: readonly T[], p: number): T[] => list.filter(() => rng() < p);
/** A value from [min, max] rounded to `decimals` places (dividing, so 0.3 stays 0.3). */
const between = (rng: Rng, min: number, max: number, decimals: number) =>
  Math.round((min + rng() * (max - min)) * 10 ** decimals) / 10 ** decimals;

/** Ten slots give the intended mix: 5 rest stations, 3 elder-care sites, 2 parks. */
const KIND_CYCLE: readonly Kind[] = [
  'rest_station',
  'elder_care',
  'rest_station',
  'park',
  'rest_station',
  'elder_care',
  'rest_station',
  'elder_care',
  'park',
  'rest_station',
];

/** Opening hours per kind, in the subset of OSM syntax linli evaluates; repeats weight the draw. */
const HOURS: Record<Kind, readonly string[]> = {
  rest_station: [
    '24/7',
    '24/7',
    '24/7',
    'Mo-Su 07:00-22:00',
    'Mo-Fr 08:00-18:00; PH off',
    'Mo-Sa 09:00-17:00',
    'Mo-Fr 08:00-12:00,14:00-18:00',
    'Mo-Su 18:00-02:00',
    'Mo-Fr 08:00-20:00; Sa,Su 10:00-16:00; PH off',
    'Mo-Sa 09:00-17:00; Su off',
  ],
  elder_care: [
    'Mo-Fr 08:00-18:00; PH off',
    'Mo-Su 07:00-19:00',
    'Mo-Sa 08:30-17:30',
    'Mo-Fr 08:00-17:00; Sa 09:00-12:00; PH off',
    'Mo,We,Fr 09:00-16:00',
  ],
  park: ['Mo-Su 06:00-22:00', '24/7', 'Mo-Su 05:30-21:30', 'Mo-Su 06:00-21:00; PH 06:00-22:00'],
};

const REST_ALWAYS: readonly Amenity[] = ['seating', 'drinking_water', 'charging'];
const REST_OFTEN: readonly Amenity[] = [
  'toilet',
  'cooling',
  'meal_heating',
  'shelter',
  'wifi',
  'first_aid',
  'rain_gear',
  'repair_tools',
  'female_care',
  'reading',
];
/** `step_free` is drawn here (keeping the draws, so the samples stay where they were) but stored as accessibility. */
const REST_RARE = ['battery_swap', 'discounted_meals', 'step_free'] as const;
const ELDER_AMENITIES: readonly Amenity[] = ['seating', 'toilet', 'drinking_water', 'heating', 'reading', 'first_aid'];
const ELDER_SERVICES_OFTEN: readonly ElderService[] = ['day_care', 'medical', 'home_services', 'elderly_school'];
/** The other basic functions of a 驿站 and GB/T 43153 home services, drawn from each site's own generator. */
const ELDER_SERVICES_MORE: readonly ElderService[] = [
  'call_service',
  'health_guidance',
  'recreation',
  'emotional_support',
  'bathing',
  'cleaning',
  'mobility',
  'medical_escort',
  'emergency',
];
const ELDER_ACCESS: readonly Accessibility[] = [
  'ramp',
  'accessible_toilet',
  'handrails',
  'armrest_seating',
  'wheelchair_loan',
  'lift',
];
const PARK_ACCESS: readonly Accessibility[] = ['step_free_entrance', 'accessible_toilet', 'armrest_seating'];
const PARK_GRADE_OF: Record<ParkType, readonly ParkGrade[]> = {
  comprehensive: ['grade_1', 'grade_2'],
  community: ['grade_3', 'grade_4'],
  historic: ['grade_1'],
  specialized: ['grade_2'],
  garden: ['grade_4'],
  ecological: ['grade_2', 'grade_3'],
  nature: ['grade_1', 'grade_2'],
};
const PARK_AMENITIES: readonly Amenity[] = ['seating', 'toilet', 'drinking_water', 'shelter'];

/** Park types drawn in the centre and in the outer districts, with area ranges (ha). */
const PARK_TYPES_CENTRAL: readonly ParkType[] = ['garden', 'garden', 'community', 'community', 'comprehensive'];
const PARK_TYPES_OUTER: readonly ParkType[] = ['community', 'comprehensive', 'ecological', 'nature', 'garden'];
// 综合公园 ≥ 5 hm² and 社区公园 ≥ 0.5 hm² (the 办法); 游园 are the small ones.
const PARK_AREA: Record<ParkType, readonly [number, number]> = {
  garden: [0.1, 1],
  community: [1, 10],
  comprehensive: [10, 80],
  ecological: [50, 500],
  nature: [20, 300],
  historic: [5, 100],
  specialized: [2, 50],
};

const KIND_WORDS: Record<Kind, readonly string[]> = {
  rest_station: ['户外劳动者驿站', '暖心驿站', '全时驿站'],
  elder_care: ['养老服务驿站', '养老照料中心', '社区养老服务站'],
  park: ['公园'],
};
const PARK_WORDS: Record<ParkType, string> = {
  garden: '口袋公园',
  community: '社区公园',
  comprehensive: '公园',
  ecological: '郊野公园',
  nature: '湿地公园',
  historic: '园',
  specialized: '植物园',
};
const KIND_EN: Record<Kind, string> = { rest_station: 'rest station', elder_care: 'elder-care station', park: 'park' };

const streetNames = new Map(STREETS.map((s) => [s.code, s.name]));
/** 劲松街道 → 劲松, 孙河地区 → 孙河: the part people say. */
const shortName = (name: string) => name.replace(/(街道|地区|镇|乡)$/, '');
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A central district gets small parks; the outer ones get country parks and wetlands too. */
const isCentral = (d: District) => d.samples >= 30;

/**
 * A site's fields by kind. `own` is the site's own generator, for what was added after the
 * samples were first drawn (more services, accessibility, grades): `rng` draws as before.
 */
function kindFields(rng: Rng, own: Rng, kind: Kind, central: boolean): Partial<SiteSeed> {
  switch (kind) {
    case 'rest_station': {
      const rare = some(rng, REST_RARE, 0.15);
      return {
        amenities: [
          ...REST_ALWAYS,
          ...some(rng, REST_OFTEN, 0.5),
          ...rare.flatMap((a) => (a === 'step_free' ? [] : [a])),
        ],
        ...(rare.includes('step_free') ? { accessibility: ['step_free_entrance'] } : {}),
      };
    }
    case 'elder_care': {
      const residential = rng() < 0.35;
      const services: ElderService[] = [
        'meals',
        ...some(rng, ELDER_SERVICES_OFTEN, 0.5),
        ...some(own, ELDER_SERVICES_MORE, 0.3),
      ];
      if (residential) services.push('residential');
      return {
        amenities: some(rng, ELDER_AMENITIES, 0.5),
        accessibility: ['step_free_entrance', ...some(own, ELDER_ACCESS, 0.4)],
        elder_services: services,
        ...(residential ? { beds: between(rng, 8, 80, 0) } : {}),
      };
    }
    case 'park': {
      const park_type = pick(rng, central ? PARK_TYPES_CENTRAL : PARK_TYPES_OUTER);
      const [min, max] = PARK_AREA[park_type];
      return {
        park_type,
        area_ha: between(rng, min, max, 1),
        amenities: some(rng, PARK_AMENITIES, 0.6),
        park_grade: pick(own, PARK_GRADE_OF[park_type]),
        accessibility: some(own, PARK_ACCESS, 0.4),
      };
    }
  }
}

/** The sample sites: `samples` per district, scattered around its anchors, none sharing a position. */
export function generateSamples(seed: number = SAMPLE_SEED): SiteSeed[] {
  const rng = prng(seed);
  const taken = new Set<string>();
  const sites: SiteSeed[] = [];
  DISTRICTS.forEach((district, d) => {
    const central = isCentral(district);
    for (let i = 0; i < district.samples; i++) {
      const n = sites.length + 1;
      const anchor = district.anchors[i % district.anchors.length]!;
      const kind = KIND_CYCLE[(i + d) % KIND_CYCLE.length]!;
      let lat: number, lng: number, key: string;
      do {
        lat = round6(anchor.lat + (rng() * 2 - 1) * district.spread);
        lng = round6(anchor.lng + (rng() * 2 - 1) * district.spread);
        key = `${lat},${lng}`;
      } while (taken.has(key));
      taken.add(key);
      const fields = kindFields(rng, prng(seed ^ Math.imul(n, 0x9e3779b1)), kind, central);
      const word = kind === 'park' && fields.park_type ? PARK_WORDS[fields.park_type] : pick(rng, KIND_WORDS[kind]);
      const street = shortName(streetNames.get(anchor.street_code) ?? '');
      sites.push({
        external_id: `sample:${n}`,
        kind,
        name: `${SAMPLE_PREFIX}${district.name}${street}${word} ${n}`,
        name_en: `${district.name_en} ${KIND_EN[kind]} ${n} (sample)`,
        street_code: anchor.street_code,
        lat,
        lng,
        coord_precision: 'approximate',
        opening_hours: pick(rng, HOURS[kind]),
        ...fields,
        description: SAMPLE_DESCRIPTION,
        source: 'sample',
      });
    }
  });
  return sites;
}

export const SAMPLE_SITES: readonly SiteSeed[] = generateSamples();
