// What the geo searches take and answer, and the steps every engine (the planner and the
// benchmark's baselines) shares: the filter of the rows read, their order, and the answer
// with street names, as sites or as clusters.

import { parentKey, type Tile, tileFromKey } from '../../core/geo/cell';
import { type Box, haversine } from '../../core/geo/distance';
import { PLANNER_DEFAULTS, type PlannerOptions } from '../../core/geo/planner-options';
import { type OpenFields, openFields, openStateCache, passes, type SiteFilter } from '../../core/open-state';
import type { Site } from '../../core/site';
import { codes, KINDS, type Kind } from '../../core/vocabulary';
import type { Tally } from '../../db/geo-state';
import type { SiteRow } from '../../db/schema';
import { withStreets } from '../../db/site-cells';

export type NearbyItem = Site & OpenFields & { distance_m: number };
export type ViewSite = Site & OpenFields;
export interface Cluster {
  count: number;
  lat: number;
  lng: number;
  tile: Tile;
}

export interface NearbyQuery extends SiteFilter {
  readonly lat: number;
  readonly lng: number;
  readonly radiusM: number;
  readonly limit: number;
}

export interface ViewQuery extends SiteFilter {
  readonly box: Box;
  /** The map's zoom, which sets the cluster size. */
  readonly zoom?: number;
}

export interface Cost {
  /** Sum of D1's meta.rows_read over every statement run. */
  rows_read: number;
  statements: number;
  /** D1 calls made one after another (a batch is one). */
  round_trips: number;
}

/** What the tally counted, for a result. */
export const costOf = (t: Tally): Cost => ({
  rows_read: t.rows_read,
  statements: t.statements,
  round_trips: t.round_trips,
});

export type NearbyResult = Cost & { items: NearbyItem[]; searched_m: number };

export type ViewAnswer =
  | { mode: 'sites'; sites: ViewSite[]; filters_applied: true }
  | { mode: 'clusters'; clusters: Cluster[]; cluster_zoom: number; filters_applied: boolean };
export type ViewResult = Cost & ViewAnswer;

/** A site row as read, before street names are joined in. */
export interface Candidate {
  row: SiteRow;
  distance: number;
  open: OpenFields;
}

export const kindsOf = (filter: SiteFilter): Kind[] => (filter.kinds.length ? [...filter.kinds] : codes(KINDS));

/** Sorted by distance, ties by id: the order every nearby engine answers in. */
const byDistance = (a: Candidate, b: Candidate) => a.distance - b.distance || a.row.id - b.row.id;

/** The nearest `limit` matches, with names, as API items. */
export async function finishNearby(tally: Tally, matches: Candidate[], limit: number): Promise<NearbyItem[]> {
  const chosen = matches.sort(byDistance).slice(0, limit);
  return (await withStreets(tally, chosen)).map(({ site, open, distance }) => ({
    ...site,
    ...open,
    distance_m: Math.round(distance),
  }));
}

const inBox = (box: Box, lat: number, lng: number) =>
  lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng;

/** Groups sites into clusters by their zoom-z tile (for a view that was read and overfilled the cap). */
export function clusterRows(rows: readonly { lat: number; lng: number; cell: number }[], z: number): Cluster[] {
  const byTile = new Map<number, { n: number; lat: number; lng: number }>();
  for (const row of rows) {
    const key = parentKey(row.cell, z);
    const c = byTile.get(key) ?? { n: 0, lat: 0, lng: 0 };
    byTile.set(key, { n: c.n + 1, lat: c.lat + row.lat, lng: c.lng + row.lng });
  }
  return [...byTile]
    .sort((a, b) => a[0] - b[0])
    .map(([key, c]) => ({ count: c.n, lat: c.lat / c.n, lng: c.lng / c.n, tile: tileFromKey(key, z) }));
}

/** The matches of a view, exactly: as sites when they fit the cap, else clustered. */
export async function finishView(
  tally: Tally,
  matches: Candidate[],
  clusterZ: number,
  o: PlannerOptions = PLANNER_DEFAULTS,
): Promise<ViewAnswer> {
  if (matches.length > o.viewCap) {
    return {
      mode: 'clusters',
      clusters: clusterRows(
        matches.map((m) => m.row),
        clusterZ,
      ),
      cluster_zoom: clusterZ,
      filters_applied: true,
    };
  }
  const chosen = matches.sort((a, b) => a.row.id - b.row.id);
  return {
    mode: 'sites',
    sites: (await withStreets(tally, chosen)).map(({ site, open }) => ({ ...site, ...open })),
    filters_applied: true,
  };
}

/** Keeps the rows inside the view that pass the filters. */
export function viewMatches(rows: readonly SiteRow[], q: ViewQuery): Candidate[] {
  const stateOf = openStateCache(q.at);
  const out: Candidate[] = [];
  for (const row of rows) {
    if (!inBox(q.box, row.lat, row.lng)) continue;
    const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
    if (passes(row, open, q)) out.push({ row, distance: 0, open });
  }
  return out;
}

/** A nearby query's test of a row read: the match, or undefined when it is too far or fails a filter. */
export function nearbyMatcher(q: NearbyQuery): (row: SiteRow) => Candidate | undefined {
  const stateOf = openStateCache(q.at);
  return (row) => {
    const distance = haversine(q.lat, q.lng, row.lat, row.lng);
    if (distance > q.radiusM) return undefined;
    const open = openFields(row, stateOf(row.opening_hours, row.follows_workday_calendar));
    return passes(row, open, q) ? { row, distance, open } : undefined;
  };
}
