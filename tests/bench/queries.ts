// The benchmark's questions: the query points of a dataset, and for each query kind the
// request sent and how the brute-force oracle (and PostGIS, when present) answers it.
// Shared by `npm run bench` (tests/bench/run.ts) and `npm run bench:profile`, so both ask the same.
import { DATASETS, type DatasetName } from '../../seeds/national';
import { prng } from '../../seeds/prng';
import type { Box } from '../../worker/core/geo/distance';
import type { Oracle } from './oracle';
import type { PostGis } from './postgis';

export const ALL_KINDS = ['nearest10', 'radius1km', 'radius3km', 'street_view', 'city_view'] as const;
export type QueryKind = (typeof ALL_KINDS)[number];

export interface Point {
  lat: number;
  lng: number;
}
export interface Query {
  path: string;
  limit?: number;
  oracle: (o: Oracle) => string;
  postgis?: (p: PostGis) => Promise<{ ids: string; ms: number }>;
}

function viewBox(p: Point, widthKm: number, heightKm: number): Box {
  const dLat = heightKm / 2 / 111.195,
    dLng = widthKm / 2 / (111.195 * Math.cos((p.lat * Math.PI) / 180));
  const r = (v: number) => Number(v.toFixed(6));
  return { minLng: r(p.lng - dLng), minLat: r(p.lat - dLat), maxLng: r(p.lng + dLng), maxLat: r(p.lat + dLat) };
}

/** The request for one query kind at a point, and how the oracle answers it. */
export function queryFor(kind: QueryKind, p: Point): Query {
  const at = `lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}`;
  const lat = Number(p.lat.toFixed(6)),
    lng = Number(p.lng.toFixed(6));
  const view = (box: Box, zoom: number): Query => ({
    path: `/api/v1/sites?bbox=${box.minLng},${box.minLat},${box.maxLng},${box.maxLat}&zoom=${zoom}`,
    oracle: (o) => o.view(box, zoom),
  });
  switch (kind) {
    case 'nearest10':
      return {
        path: `/api/v1/sites/nearby?${at}&kind=rest_station&limit=10`,
        limit: 10,
        oracle: (o) => o.nearest(lat, lng, 3000, 10, 'rest_station'),
        postgis: (g) => g.nearest(lat, lng, 3000, 10, 'rest_station'),
      };
    case 'radius1km':
      return {
        path: `/api/v1/sites/nearby?${at}&radius_m=1000&limit=100`,
        limit: 100,
        oracle: (o) => o.nearest(lat, lng, 1000, 100),
        postgis: (g) => g.nearest(lat, lng, 1000, 100),
      };
    case 'radius3km':
      return {
        path: `/api/v1/sites/nearby?${at}&radius_m=3000&limit=100`,
        limit: 100,
        oracle: (o) => o.nearest(lat, lng, 3000, 100),
        postgis: (g) => g.nearest(lat, lng, 3000, 100),
      };
    // A street seen on a phone (1.5 km × 1 km at zoom 16), and a district (20 km × 15 km at zoom 12, clustered in cities).
    case 'street_view':
      return view(viewBox(p, 1.5, 1), 16);
    case 'city_view':
      return view(viewBox(p, 20, 15), 12);
  }
}

/** The dataset's first `count` query points for this seed: the same points in every run. */
export function queryPoints(dataset: DatasetName, seed: number, count: number): Point[] {
  const rand = prng(seed ^ 0x5eed);
  const where = DATASETS[dataset].queryPoint(seed);
  return Array.from({ length: count }, () => where(rand));
}

/** The request as one engine answers it: engine-tagged requests skip the edge cache, so D1 is measured. */
export const withEngine = (path: string, engine: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}engine=${engine}`;
