/**
 * The indexes that the benchmark creates on its own database for the baseline engines
 * (read in worker/db/bench-reads.ts). They are not part of the schema: linli does not need them.
 */
/** A plain (lat, lng) index, read as a box: SQLite uses it as a latitude range only. */
export const BENCH_LATLNG_INDEX = 'bench_sites_lat_lng_idx';
/** What a careful engineer would build without a planner: live sites by kind, then position. */
export const BENCH_KIND_LATLNG_INDEX = 'bench_sites_kind_lat_lng_idx';
