// Reading a box of sites through the benchmark's own indexes (worker/db/bench-index.ts),
// for the baseline engines of worker/services/search/baselines.ts.

import type { Box } from '../core/geo/distance';
import type { Kind } from '../core/vocabulary';
import { BENCH_KIND_LATLNG_INDEX, BENCH_LATLNG_INDEX } from './bench-index';
import type { Tally } from './geo-state';
import { parseRow } from './site-cells';

/** Thrown when the database lacks the benchmark's index an engine reads through. */
export class MissingBenchIndex extends Error {
  constructor(readonly index: string) {
    super(`this database has no ${index} (the benchmark creates it)`);
  }
}

type RawRow = Parameters<typeof parseRow>[0];

/** Live sites of the kinds in a box, through a latitude-led index or none. */
export async function readBox(
  tally: Tally,
  box: Box,
  kinds: readonly Kind[],
  engine: 'latlng_index' | 'kind_latlng' | 'full_scan',
) {
  const b = [box.minLat, box.maxLat, box.minLng, box.maxLng];
  try {
    if (engine === 'kind_latlng') {
      // One statement per kind, so each is one (kind, lat) range of the index.
      const rows = await tally.run<RawRow>(
        kinds.map((kind) =>
          tally.prepare(
            `SELECT * FROM sites INDEXED BY ${BENCH_KIND_LATLNG_INDEX} WHERE kind = ? AND lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
         AND status != 'retired'`,
            kind,
            ...b,
          ),
        ),
      );
      return rows.flat().map(parseRow);
    }
    const using = engine === 'full_scan' ? 'NOT INDEXED' : `INDEXED BY ${BENCH_LATLNG_INDEX}`;
    const [rows = []] = await tally.run<RawRow>([
      tally.prepare(
        `SELECT * FROM sites ${using} WHERE lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?
       AND status != 'retired' AND kind IN (${kinds.map(() => '?').join(', ')})`,
        ...b,
        ...kinds,
      ),
    ]);
    return rows.map(parseRow);
  } catch (error) {
    if (String(error).includes('no such index'))
      throw new MissingBenchIndex(engine === 'kind_latlng' ? BENCH_KIND_LATLNG_INDEX : BENCH_LATLNG_INDEX);
    throw error;
  }
}
