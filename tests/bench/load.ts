// Bulk-loads the national dataset straight into the local D1's SQLite file, as D1's own
// import path (statements of ≤ 100 KB through wrangler) would take hours for 10⁶ rows.
// Migrations are applied first by wrangler, so the schema and the cell_counts triggers
// are exactly the app's; the triggers fill cell_counts during the load.
// SQLite is node-sqlite3-wasm (SQLite compiled to WebAssembly, writing the file through
// Node's fs): nothing to compile at `npm ci`, unlike a native binding with no prebuilt binary offline.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm'; // CommonJS: its classes hang off the default export
import { BENCH_PROVINCES, benchStreetCode, type NationalSite, nationalSites } from '../../seeds/national';
import { cellOf } from '../../worker/core/geo/cell';
import { BENCH_KIND_LATLNG_INDEX, BENCH_LATLNG_INDEX } from '../../worker/db/bench-index';
import type { Oracle } from './oracle';

const { Database } = sqlite;

/** The SQLite file miniflare keeps the D1 database in, under a --persist-to directory. */
export function d1File(persistTo: string): string {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.length}`);
  return join(dir, files[0]!);
}

export interface LoadTimes {
  sitesSeconds: number;
  latlngIndexSeconds: number;
  cellCounts: number;
}

type Where = Parameters<typeof nationalSites>[2];

/** Loads the sites into the database and into `oracle` (ids are 1…count, in order). */
export function bulkLoad(file: string, count: number, seed: number, where: Where, oracle: Oracle): LoadTimes {
  const db = new Database(file);
  // wrangler leaves the file in WAL mode; WebAssembly SQLite has no shared memory, which
  // SQLite then needs no more once the connection holds the file exclusively (as the load does).
  db.exec('PRAGMA locking_mode = EXCLUSIVE');
  db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF');
  // Index pages of (kind, cell), external_id and cell_counts are hit at random: keep them in memory.
  db.exec('PRAGMA cache_size = -524288');
  // One synthetic street per province keeps the foreign key from sites.street_code honest.
  const street =
    db.prepare(`INSERT OR IGNORE INTO streets (code, name, district_code, district_name, city_code, city_name, province_code, province_name)
    VALUES (?, '基准测试合成街道', ?, '基准测试合成区', ?, '基准测试合成市', ?, '基准测试合成省')`);
  const site =
    db.prepare(`INSERT INTO sites (external_id, kind, name, street_code, lat, lng, cell, status, amenities, opening_hours, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sample')`);
  const started = performance.now();
  db.exec('BEGIN');
  try {
    for (const p of BENCH_PROVINCES) {
      const code = benchStreetCode(p);
      street.run([code, code.slice(0, 6), code.slice(0, 4), p]);
    }
    for (const s of nationalSites(count, seed, where) as Generator<NationalSite>) {
      oracle.add(s);
      site.run([
        s.external_id,
        s.kind,
        s.name,
        s.street_code,
        s.lat,
        s.lng,
        cellOf(s.lat, s.lng),
        s.status,
        JSON.stringify(s.amenities),
        s.opening_hours,
      ]);
    }
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  } finally {
    street.finalize();
    site.finalize();
  }
  const loaded = performance.now();
  // The baseline engine's index: only in the benchmark database, never in the schema.
  db.exec(`CREATE INDEX ${BENCH_LATLNG_INDEX} ON sites (lat, lng)`);
  db.exec(`CREATE INDEX ${BENCH_KIND_LATLNG_INDEX} ON sites (kind, lat, lng) WHERE status != 'retired'`);
  const indexed = performance.now();
  const cellCounts = Number((db.get('SELECT count(*) AS n FROM cell_counts') as { n: number }).n);
  db.close();
  return { sitesSeconds: (loaded - started) / 1000, latlngIndexSeconds: (indexed - loaded) / 1000, cellCounts };
}
