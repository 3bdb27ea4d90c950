// The sites this device has received, kept in IndexedDB (through `idb`, a 1 kB promise
// wrapper, rather than hand-written request/event plumbing) with the time each arrived
// and the positions where the app was online, so the page can answer offline. Bounded
// and expiring by the rules of offline-search.ts. Reads come from a copy in memory,
// loaded once; writes go to both.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Filters } from '../api/map';
import type { MapSite, Site } from '../api/types';
import type { LatLng } from '../state';
import { nextTask } from '../tasks';
import { goneFrom, rememberPosition, type SeenPosition, type StoredSite, siteRecord, toEvict } from './offline-search';

interface Schema extends DBSchema {
  sites: { key: number; value: StoredSite };
  meta: { key: string; value: SeenPosition[] };
}

const DB_NAME = 'linli-offline';
const DB_VERSION = 1;
const POSITIONS_KEY = 'positions';
/**
 * Sites written per transaction, one transaction per task: copying a view's thousand sites
 * into IndexedDB in one go held a 4×-slowed phone's main thread for over 200 ms, 150 a task
 * still 95–160 ms, and 40 up to 190 ms on the first screen (each put clones its site on the
 * main thread: 1–2 ms at 4×).
 */
const WRITES_PER_TASK = 20;

export class SiteStore {
  private constructor(
    private readonly db: IDBPDatabase<Schema>,
    private readonly sites: Map<number, StoredSite>,
    private seen: SeenPosition[],
  ) {}

  /** Opens the store; null where IndexedDB is unavailable (private mode in some browsers). */
  static async open(): Promise<SiteStore | null> {
    try {
      const db = await openDB<Schema>(DB_NAME, DB_VERSION, {
        upgrade(d) {
          d.createObjectStore('sites', { keyPath: 'site.id' });
          d.createObjectStore('meta');
        },
      });
      const [all, positions] = await Promise.all([db.getAll('sites'), db.get('meta', POSITIONS_KEY)]);
      return new SiteStore(db, new Map(all.map((s) => [s.site.id, s])), positions ?? []);
    } catch {
      return null;
    }
  }

  /** Every saved site (a snapshot). */
  all(): StoredSite[] {
    return [...this.sites.values()];
  }

  positions(): readonly SeenPosition[] {
    return this.seen;
  }

  get(id: number): StoredSite | undefined {
    return this.sites.get(id);
  }

  /**
   * Saves the sites of an online answer, remembers where it was asked, forgets saved
   * sites the answer proves gone, and evicts what the limits no longer allow.
   */
  async save(
    received: readonly (Site | MapSite)[],
    asked: { at: LatLng; radiusM: number; filters: Filters } | null,
    now = Date.now(),
  ): Promise<void> {
    // The copy in memory changes at once; the database follows in a few small transactions.
    const entries: StoredSite[] = received.map((s) => {
      const site = siteRecord(s);
      return { site, savedAt: now, bytes: JSON.stringify(site).length };
    });
    for (const entry of entries) this.sites.set(entry.site.id, entry);
    const drop = new Set<number>();
    if (asked) {
      this.seen = rememberPosition(this.seen, { ...asked.at, at: now });
      for (const id of goneFrom(this.all(), { ...asked, ids: new Set(received.map((s) => s.id)) })) drop.add(id);
    }
    for (const id of toEvict(this.all(), this.seen, now)) drop.add(id);
    for (const id of drop) this.sites.delete(id);
    // A dropped site is not written: a later batch never brings it back.
    const writes = entries.filter((e) => !drop.has(e.site.id));
    const seen = asked ? this.seen : null;
    try {
      for (let i = 0; i === 0 || i < writes.length; i += WRITES_PER_TASK) {
        if (i > 0) await nextTask();
        const tx = this.db.transaction(['sites', 'meta'], 'readwrite');
        const store = tx.objectStore('sites');
        const done: Promise<unknown>[] = writes.slice(i, i + WRITES_PER_TASK).map((e) => store.put(e));
        if (i === 0) {
          if (seen) done.push(tx.objectStore('meta').put(seen, POSITIONS_KEY));
          for (const id of drop) done.push(store.delete(id));
        }
        await Promise.all([...done, tx.done]);
      }
    } catch {
      // Storage full or closed: the answers still show; the device just keeps less.
    }
  }

  /** Forgets one site (the server says it no longer exists). */
  async forget(id: number): Promise<void> {
    this.sites.delete(id);
    await this.db.delete('sites', id).catch(() => undefined);
  }
}
