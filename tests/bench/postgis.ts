// The PostGIS baseline of the benchmark: the same sites in a private PostgreSQL 15 +
// PostGIS 3 cluster on loopback, nearest-k by GiST KNN (`ORDER BY geog <-> point`).
// Used only when `apt-get install postgresql-15 postgresql-15-postgis-3` has been run;
// otherwise the benchmark says so and goes on without it.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { NationalSite } from '../../seeds/national';

const BIN = '/usr/lib/postgresql/15/bin';
const POSTGIS = '/usr/share/postgresql/15/extension/postgis.control';

/** Why PostGIS cannot run here, or undefined when it can. */
export function postgisMissing(): string | undefined {
  if (!existsSync(`${BIN}/initdb`))
    return `no PostgreSQL 15 at ${BIN} (apt-get install postgresql-15 postgresql-15-postgis-3)`;
  if (!existsSync(POSTGIS)) return 'PostgreSQL 15 has no PostGIS (apt-get install postgresql-15-postgis-3)';
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) return 'no postgres system user to run the server as';
  return undefined;
}

// PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
const asPostgres = (cmd: string, argv: string[]) => {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stdout}\n${r.stderr}`);
};

export class PostGis {
  private constructor(
    private readonly dir: string,
    readonly client: pg.Client,
  ) {}

  /** Starts a throwaway cluster on 127.0.0.1:port (fsync off: it is rebuilt every run). */
  static async start(port: number): Promise<PostGis> {
    const dir = mkdtempSync(join(tmpdir(), 'linli-bench-pg-'));
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
    asPostgres('initdb', ['-D', `${dir}/data`, '-U', 'bench', '--auth=trust', '-E', 'UTF8']);
    asPostgres('pg_ctl', [
      '-D',
      `${dir}/data`,
      '-w',
      '-l',
      `${dir}/log`,
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=256MB`,
      'start',
    ]);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'bench', database: 'postgres' });
    await client.connect();
    return new PostGis(dir, client);
  }

  /** Loads the sites (ids 1…n in order, as in D1) and builds the GiST index of live sites. */
  async load(sites: Iterable<NationalSite>): Promise<number> {
    const started = performance.now();
    const c = this.client;
    await c.query('CREATE EXTENSION postgis');
    await c.query(
      'CREATE TABLE sites (id integer PRIMARY KEY, kind text NOT NULL, live boolean NOT NULL, geog geography(Point, 4326) NOT NULL)',
    );
    let batch: unknown[] = [];
    let id = 0;
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch.length / 5;
      const values = Array.from(
        { length: rows },
        (_, i) =>
          `($${5 * i + 1}, $${5 * i + 2}, $${5 * i + 3}, ST_SetSRID(ST_MakePoint($${5 * i + 4}, $${5 * i + 5}), 4326)::geography)`,
      ).join(', ');
      await c.query(`INSERT INTO sites (id, kind, live, geog) VALUES ${values}`, batch);
      batch = [];
    };
    for (const s of sites) {
      batch.push(++id, s.kind, s.status !== 'retired', s.lng, s.lat);
      if (batch.length >= 5 * 2000) await flush();
    }
    await flush();
    await c.query('CREATE INDEX sites_geog_idx ON sites USING gist (geog) WHERE live');
    await c.query('ANALYZE sites');
    return (performance.now() - started) / 1000;
  }

  /** Ids of the nearest `limit` live sites within radius (on the sphere, as linli measures), ties by id. */
  async nearest(
    lat: number,
    lng: number,
    radiusM: number,
    limit: number,
    kind?: string,
  ): Promise<{ ids: string; ms: number }> {
    const started = performance.now();
    const { rows } = await this.client.query<{ id: number }>(
      `SELECT id FROM sites WHERE live AND ($5::text IS NULL OR kind = $5)
         AND ST_DWithin(geog, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, $3, false)
       ORDER BY geog <-> ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, id LIMIT $4`,
      [lat, lng, radiusM, limit, kind ?? null],
    );
    return { ids: rows.map((r) => r.id).join(','), ms: performance.now() - started };
  }

  async stop(): Promise<void> {
    await this.client.end().catch(() => undefined);
    try {
      asPostgres('pg_ctl', ['-D', `${this.dir}/data`, '-m', 'fast', '-w', 'stop']);
    } catch {
      /* already down */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
