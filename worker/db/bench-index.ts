/**
 * The plain (lat, lng) index that the benchmark creates on its own database for the
 * `latlng_index` baseline engine. It is not part of the schema: linli does not need it.
 */
export const BENCH_LATLNG_INDEX = 'bench_sites_lat_lng_idx';
