// A deterministic, synthetic national dataset for the benchmark (never for the app):
// sites bunched in ~70 real Chinese cities weighted by population, thinner in towns
// and farmland of the populated east, and almost none in the deserts and plateaus of
// Xinjiang, Tibet, Qinghai and Inner Mongolia. Same seed, same sites.
import type { Amenity, Kind, Status } from '../worker/core/vocabulary';
import { prng } from './prng';

/** A site row as the benchmark bulk-loads it (WGS-84). */
export interface NationalSite {
  external_id: string;
  kind: Kind;
  name: string;
  street_code: string;
  lat: number;
  lng: number;
  status: Status;
  amenities: Amenity[];
  opening_hours: string | null;
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export interface City {
  name: string;
  province: string;
  lat: number;
  lng: number /** urban population, millions */;
  weight: number;
}

export const CITIES: readonly City[] = [
  ['北京', '11', 39.9042, 116.4074, 21.5],
  ['上海', '31', 31.2304, 121.4737, 24.9],
  ['广州', '44', 23.1291, 113.2644, 18.8],
  ['深圳', '44', 22.5431, 114.0579, 17.7],
  ['重庆', '50', 29.563, 106.5516, 16.0],
  ['天津', '12', 39.3434, 117.3616, 13.9],
  ['成都', '51', 30.5728, 104.0668, 21.0],
  ['武汉', '42', 30.5928, 114.3055, 13.6],
  ['杭州', '33', 30.2741, 120.1551, 12.2],
  ['西安', '61', 34.3416, 108.9398, 13.0],
  ['南京', '32', 32.0603, 118.7969, 9.5],
  ['苏州', '32', 31.299, 120.5853, 12.9],
  ['郑州', '41', 34.7466, 113.6254, 12.8],
  ['长沙', '43', 28.2282, 112.9388, 10.4],
  ['东莞', '44', 23.0207, 113.7518, 10.5],
  ['沈阳', '21', 41.8057, 123.4315, 9.1],
  ['青岛', '37', 36.0671, 120.3826, 10.3],
  ['合肥', '34', 31.8206, 117.2272, 9.6],
  ['佛山', '44', 23.0215, 113.1214, 9.6],
  ['济南', '37', 36.6512, 117.1201, 9.4],
  ['哈尔滨', '23', 45.8038, 126.5349, 9.9],
  ['昆明', '53', 24.8801, 102.8329, 8.5],
  ['大连', '21', 38.914, 121.6147, 7.5],
  ['厦门', '35', 24.4798, 118.0894, 5.3],
  ['福州', '35', 26.0745, 119.2965, 8.4],
  ['宁波', '33', 29.8683, 121.544, 9.6],
  ['长春', '22', 43.8171, 125.3235, 9.0],
  ['太原', '14', 37.8706, 112.5489, 5.4],
  ['石家庄', '13', 38.0428, 114.5149, 11.2],
  ['南宁', '45', 22.817, 108.3665, 8.9],
  ['南昌', '36', 28.682, 115.8579, 6.4],
  ['贵阳', '52', 26.647, 106.6302, 6.0],
  ['乌鲁木齐', '65', 43.8256, 87.6168, 4.1],
  ['兰州', '62', 36.0611, 103.8343, 4.4],
  ['呼和浩特', '15', 40.8424, 111.749, 3.5],
  ['银川', '64', 38.4872, 106.2309, 2.9],
  ['西宁', '63', 36.6171, 101.7782, 2.5],
  ['拉萨', '54', 29.65, 91.1, 0.9],
  ['海口', '46', 20.044, 110.1999, 2.9],
  ['三亚', '46', 18.2528, 109.5119, 1.0],
  ['无锡', '32', 31.4912, 120.3119, 7.5],
  ['常州', '32', 31.8107, 119.9741, 5.3],
  ['徐州', '32', 34.2058, 117.2841, 9.0],
  ['温州', '33', 27.9943, 120.6994, 9.6],
  ['泉州', '35', 24.8741, 118.6757, 8.8],
  ['唐山', '13', 39.6305, 118.1802, 7.7],
  ['保定', '13', 38.8739, 115.4646, 9.2],
  ['临沂', '37', 35.1041, 118.3564, 11.0],
  ['潍坊', '37', 36.7069, 119.1618, 9.4],
  ['烟台', '37', 37.4638, 121.4479, 7.1],
  ['洛阳', '41', 34.6197, 112.454, 7.0],
  ['南通', '32', 31.9802, 120.8943, 7.7],
  ['汕头', '44', 23.3535, 116.6822, 5.5],
  ['珠海', '44', 22.271, 113.5767, 2.4],
  ['惠州', '44', 23.1115, 114.4152, 6.0],
  ['柳州', '45', 24.3264, 109.4281, 4.2],
  ['包头', '15', 40.6574, 109.8403, 2.7],
  ['大同', '14', 40.0768, 113.3001, 3.1],
  ['鞍山', '21', 41.1086, 122.9945, 3.3],
  ['吉林', '22', 43.8378, 126.5494, 3.6],
  ['大庆', '23', 46.5893, 125.1036, 2.8],
  ['喀什', '65', 39.4704, 75.9898, 0.7],
  ['宜昌', '42', 30.6919, 111.2865, 4.0],
  ['襄阳', '42', 32.009, 112.1226, 5.3],
  ['芜湖', '34', 31.3526, 118.4331, 3.6],
  ['淄博', '37', 36.8131, 118.0548, 4.7],
  ['赣州', '36', 25.8311, 114.9336, 9.0],
  ['遵义', '52', 27.7254, 106.9272, 6.6],
  ['绵阳', '51', 31.4675, 104.6796, 4.9],
].map(([name, province, lat, lng, weight]) => ({ name, province, lat, lng, weight }) as City);

/** Populated farmland and small towns: boxes of the east and south-west (deserts and plateaus left out). */
const COUNTRYSIDE: readonly {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
  weight: number;
  province: string;
}[] = [
  { minLat: 34, maxLat: 40.5, minLng: 113, maxLng: 119.5, weight: 5, province: '37' }, // North China Plain
  { minLat: 28, maxLat: 34, minLng: 111, maxLng: 121, weight: 5, province: '42' }, // Yangtze plains
  { minLat: 22, maxLat: 28, minLng: 108, maxLng: 119.5, weight: 4, province: '44' }, // the south
  { minLat: 26, maxLat: 32.5, minLng: 102.5, maxLng: 108.5, weight: 3, province: '51' }, // Sichuan and Chongqing
  { minLat: 40.5, maxLat: 47, minLng: 121, maxLng: 128, weight: 2, province: '23' }, // the north-east
  { minLat: 33, maxLat: 37, minLng: 104, maxLng: 111, weight: 1.5, province: '61' }, // Loess plateau
];
/** The empty west: a handful of sites along oases and roads, nothing in between. */
const FRONTIER = { minLat: 36, maxLat: 45, minLng: 78, maxLng: 96, province: '65' };

/** One synthetic street per province, so the street foreign key holds (`${province}9900001`). */
export function benchStreetCode(province: string): string {
  return `${province}9900001`;
}

export const BENCH_PROVINCES = [
  ...new Set([...CITIES.map((c) => c.province), ...COUNTRYSIDE.map((b) => b.province), FRONTIER.province]),
].sort();

const KIND_NAMES: Record<Kind, string> = { rest_station: '户外劳动者驿站', elder_care: '养老服务驿站', park: '公园' };
const HOURS: Record<Kind, readonly [string | null, number][]> = {
  rest_station: [
    ['24/7', 0.4],
    ['Mo-Su 08:00-20:00', 0.3],
    ['Mo-Fr 09:00-18:00; PH off', 0.2],
    [null, 0.1],
  ],
  elder_care: [
    ['Mo-Fr 08:00-17:00; PH off', 0.6],
    ['Mo-Su 07:00-19:00', 0.2],
    ['24/7', 0.1],
    [null, 0.1],
  ],
  park: [
    ['Mo-Su 06:00-22:00', 0.5],
    ['24/7', 0.4],
    [null, 0.1],
  ],
};
const AMENITY_ODDS: Record<Kind, readonly [Amenity, number][]> = {
  rest_station: [
    ['seating', 0.9],
    ['drinking_water', 0.85],
    ['charging', 0.8],
    ['toilet', 0.5],
    ['meal_heating', 0.4],
    ['cooling', 0.6],
    ['first_aid', 0.4],
    ['wifi', 0.3],
    ['battery_swap', 0.1],
  ],
  elder_care: [
    ['seating', 0.8],
    ['toilet', 0.9],
    ['first_aid', 0.7],
    ['drinking_water', 0.6],
    ['reading', 0.4],
  ],
  park: [
    ['toilet', 0.7],
    ['seating', 0.9],
    ['drinking_water', 0.4],
    ['shelter', 0.5],
  ],
};

function pick<T>(rand: () => number, table: readonly [T, number][]): T {
  let u = rand();
  for (const [value, p] of table) {
    u -= p;
    if (u < 0) return value;
  }
  return table[table.length - 1]![0];
}

const KM_PER_DEG = 111.195;
const totalCityWeight = CITIES.reduce((s, c) => s + c.weight, 0);
const cityTable: [City, number][] = CITIES.map((c) => [c, c.weight / totalCityWeight]);
const totalBoxWeight = COUNTRYSIDE.reduce((s, b) => s + b.weight, 0);
const boxTable = COUNTRYSIDE.map((b): [typeof b, number] => [b, b.weight / totalBoxWeight]);

/** A point in a city: a dense core and suburbs, scaled by the city's size. */
export function cityPoint(rand: () => number, city: City): { lat: number; lng: number } {
  const sigmaKm = (rand() < 0.6 ? 3 : 9) * Math.sqrt(city.weight / 10);
  return {
    lat: city.lat + (gaussian(rand) * sigmaKm) / KM_PER_DEG,
    lng: city.lng + (gaussian(rand) * sigmaKm) / (KM_PER_DEG * Math.cos((city.lat * Math.PI) / 180)),
  };
}

/** Where a site is: 82 % in cities, 16 % in the countryside of the east, 2 % in the frontier. */
export function sitePoint(rand: () => number): { lat: number; lng: number; province: string; place: string } {
  const u = rand();
  if (u < 0.82) {
    const city = pick(rand, cityTable);
    return { ...cityPoint(rand, city), province: city.province, place: city.name };
  }
  const box = u < 0.98 ? pick(rand, boxTable) : FRONTIER;
  return {
    lat: box.minLat + rand() * (box.maxLat - box.minLat),
    lng: box.minLng + rand() * (box.maxLng - box.minLng),
    province: box.province,
    place: u < 0.98 ? '乡村' : '边疆',
  };
}

/** The i-th site of the dataset; every site depends only on (seed, i) and where sites go. */
export function* nationalSites(
  count: number,
  seed = 20261125,
  where0: (rand: () => number) => { lat: number; lng: number; province: string; place: string } = sitePoint,
): Generator<NationalSite> {
  const rand = prng(seed);
  for (let i = 0; i < count; i++) {
    const where = where0(rand);
    const kind = pick<Kind>(rand, [
      ['rest_station', 0.45],
      ['elder_care', 0.35],
      ['park', 0.2],
    ]);
    const amenities = AMENITY_ODDS[kind].filter(([, p]) => rand() < p).map(([a]) => a);
    yield {
      external_id: `bench:${i}`,
      kind,
      name: `${where.place}${KIND_NAMES[kind]} ${i}`,
      street_code: benchStreetCode(where.province),
      lat: Math.round(where.lat * 1e6) / 1e6,
      lng: Math.round(where.lng * 1e6) / 1e6,
      status: pick<Status>(rand, [
        ['open', 0.95],
        ['temporarily_closed', 0.03],
        ['retired', 0.02],
      ]),
      amenities,
      opening_hours: pick(rand, HOURS[kind]),
    };
  }
}

// A second, differently shaped national dataset, so the planner is not judged only on the
// data it was tuned with: flatter cities, sites strung along the roads between cities,
// 2,000 small towns of very different sizes, and a thin scatter over the whole country
// (deserts, plateaus and the sea's edge included). Query points drawn for it fall anywhere.

/** China's bounding box: a fifth of the second dataset's query points fall anywhere in it. */
export const CHINA_BOX = { minLat: 18, maxLat: 53.5, minLng: 73.5, maxLng: 135 } as const;

interface Town {
  lat: number;
  lng: number;
  sigmaKm: number;
  weight: number;
  province: string;
}

/** The towns of the corridors dataset: fixed by the seed, Pareto-sized. */
function towns(rand: () => number): { table: [Town, number][] } {
  const list: Town[] = Array.from({ length: 2000 }, () => {
    const box = pick(rand, boxTable);
    return {
      lat: box.minLat + rand() * (box.maxLat - box.minLat),
      lng: box.minLng + rand() * (box.maxLng - box.minLng),
      sigmaKm: 0.4 + rand() * 1.5,
      weight: (1 - rand()) ** -1.2,
      province: box.province,
    };
  });
  const total = list.reduce((s, t) => s + t.weight, 0);
  return { table: list.map((t) => [t, t.weight / total]) };
}

/** A point of the corridors dataset. */
export function corridorPointer(
  seed: number,
): (rand: () => number) => { lat: number; lng: number; province: string; place: string } {
  const { table } = towns(prng(seed ^ 0x70775));
  return (rand) => {
    const u = rand();
    if (u < 0.3) {
      // Flat cities: one wide spread instead of a dense core.
      const city = pick(rand, cityTable);
      const sigmaKm = 7 * Math.sqrt(city.weight / 10);
      return {
        lat: city.lat + (gaussian(rand) * sigmaKm) / KM_PER_DEG,
        lng: city.lng + (gaussian(rand) * sigmaKm) / (KM_PER_DEG * Math.cos((city.lat * Math.PI) / 180)),
        province: city.province,
        place: city.name,
      };
    }
    if (u < 0.65) {
      // Along the road from one city to another, within a couple of kilometres of it.
      const a = CITIES[Math.floor(rand() * CITIES.length)]!,
        b = CITIES[Math.floor(rand() * CITIES.length)]!;
      const t = rand(),
        off = gaussian(rand) * 1.5;
      const dLat = b.lat - a.lat,
        dLng = b.lng - a.lng,
        len = Math.hypot(dLat, dLng) || 1;
      return {
        lat: a.lat + t * dLat + ((off / KM_PER_DEG) * dLng) / len,
        lng: a.lng + t * dLng - ((off / KM_PER_DEG) * dLat) / len,
        province: a.province,
        place: '公路',
      };
    }
    if (u < 0.97) {
      const town = pick(rand, table);
      return {
        lat: town.lat + (gaussian(rand) * town.sigmaKm) / KM_PER_DEG,
        lng: town.lng + (gaussian(rand) * town.sigmaKm) / (KM_PER_DEG * Math.cos((town.lat * Math.PI) / 180)),
        province: town.province,
        place: '城镇',
      };
    }
    return {
      lat: CHINA_BOX.minLat + rand() * (CHINA_BOX.maxLat - CHINA_BOX.minLat),
      lng: CHINA_BOX.minLng + rand() * (CHINA_BOX.maxLng - CHINA_BOX.minLng),
      province: FRONTIER.province,
      place: '边疆',
    };
  };
}

/** The named benchmark datasets: where their sites are, and where their queries are asked. */
export const DATASETS = {
  /** The project's dataset: cities with dense cores; queries drawn like the sites. */
  national: { sitePoint: (_seed: number) => sitePoint, queryPoint: (_seed: number) => sitePoint },
  /** Roads, towns and flat cities; a fifth of the queries anywhere in China's bounding box. */
  corridors: {
    sitePoint: corridorPointer,
    queryPoint: (seed: number) => {
      const inner = corridorPointer(seed);
      return (rand: () => number) =>
        rand() < 0.2
          ? {
              lat: CHINA_BOX.minLat + rand() * (CHINA_BOX.maxLat - CHINA_BOX.minLat),
              lng: CHINA_BOX.minLng + rand() * (CHINA_BOX.maxLng - CHINA_BOX.minLng),
            }
          : inner(rand);
    },
  },
} as const;
export type DatasetName = keyof typeof DATASETS;
