// Baselines the benchmark compares the geo index with (reachable only when the worker
// runs with BENCH_ENGINES): a plain (lat, lng) B-tree index read as a box, and a
// full table scan. Same answers as site-search.ts, different cost.
import { circleBox, haversine, type Box } from '../geo/distance';
import { openFields, openStateCache, passes } from '../geo/match';
import { clusterZoom } from '../geo/plan';
import { ProblemError } from '../http/problem';
import { BENCH_LATLNG_INDEX } from './bench-index';
import {
  finishNearby, finishView, kindsOf, parseRow, Tally, viewMatches,
  type Candidate, type Cost, type NearbyItem, type NearbyQuery, type Reader, type ViewQuery, type ViewResult,
} from './site-search';

export type Engine = 'linli' | 'latlng_index' | 'full_scan';

type RawRow = Parameters<typeof parseRow>[0];

async function readBox(tally: Tally, box: Box, q: NearbyQuery | ViewQuery, engine: Exclude<Engine, 'linli'>) {
  const kinds = kindsOf(q);
  const using = engine === 'full_scan' ? 'NOT INDEXED' : `INDEXED BY ${BENCH_LATLNG_INDEX}`;
  try {
    const [rows = []] = await tally.run<RawRow>([tally.prepare(
      `SELECT * FROM sites ${using} WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
       AND status != 'retired' AND kind IN (${kinds.map(() => '?').join(', ')})`,
      box.minLat, box.maxLat, box.minLng, box.maxLng, ...kinds,
    )]);
    return rows.map(parseRow);
  } catch (error) {
    if (String(error).includes('no such index')) {
      const reason = `this database has no ${BENCH_LATLNG_INDEX} (the benchmark creates it)`;
      throw new ProblemError(400, { detail: `engine: ${reason}`, invalid_params: [{ name: 'engine', in: 'query', reason }] });
    }
    throw error;
  }
}

/** Nearest sites by reading the whole radius's bounding box. */
export async function nearbyByScan(d1: Reader, q: NearbyQuery, engine: Exclude<Engine, 'linli'>): Promise<Cost & { items: NearbyItem[]; searched_m: number }> {
  const tally = new Tally(d1);
  const stateOf = openStateCache(q.at);
  const matches: Candidate[] = [];
  for (const row of await readBox(tally, circleBox(q.lat, q.lng, q.radiusM), q, engine)) {
    const distance = haversine(q.lat, q.lng, row.lat, row.lng);
    if (distance > q.radiusM) continue;
    const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
    if (passes(row, open, q)) matches.push({ row, distance, open });
  }
  const items = await finishNearby(tally, matches, q.limit);
  return { items, searched_m: q.radiusM, rows_read: tally.rows_read, statements: tally.statements };
}

/** A map view by reading every site in the box, clustered in the worker when over the cap. */
export async function viewByScan(d1: Reader, q: ViewQuery, engine: Exclude<Engine, 'linli'>): Promise<ViewResult> {
  const tally = new Tally(d1);
  const rows = await readBox(tally, q.box, q, engine);
  const result = await finishView(tally, viewMatches(rows, q), clusterZoom(q.box, q.zoom));
  return { ...result, rows_read: tally.rows_read, statements: tally.statements };
}
