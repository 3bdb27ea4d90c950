// Nearest sites to a point (GET /sites/nearby): planned over the isolate's leaf counts
// (worker/core/geo/leaves.ts), read through worker/db/site-cells.ts.

import { EDGE_SLACK_M, mergeRanges, type Range } from '../../core/geo/cover';
import type { Densities } from '../../core/geo/density';
import { cutLeaf, expectedRadius, LeafSearch, LONE_SITE_SLACK_M, runsOf } from '../../core/geo/leaves';
import { PLANNER_DEFAULTS, type PlannerOptions } from '../../core/geo/planner-options';
import type { Kind } from '../../core/vocabulary';
import { confirmVersion, geoState, needsProbe, type Reader, Tally } from '../../db/geo-state';
import type { SiteRow } from '../../db/schema';
import { readRuns } from '../../db/site-cells';
import {
  type Candidate,
  costOf,
  finishNearby,
  kindsOf,
  type NearbyQuery,
  type NearbyResult,
  nearbyMatcher,
} from './results';

/** The search's state: which leaves were read, and the matches found in them. */
interface NearbyRead {
  readonly matches: Candidate[];
  readUpTo: number;
  read: number;
  version?: number;
}

/** Reads, in one batch, the leaves found with readUpTo < dmin ≤ upTo. */
async function readLeaves(
  tally: Tally,
  search: LeafSearch,
  state: NearbyRead,
  upTo: number,
  probe: boolean,
  q: NearbyQuery,
  keep: (row: SiteRow) => Candidate | undefined,
  o: PlannerOptions,
) {
  search.expandTo(upTo);
  const leaves = search.leaves.filter((l) => l.dmin > state.readUpTo + EDGE_SLACK_M && l.dmin <= upTo + EDGE_SLACK_M);
  state.readUpTo = upTo;
  // Leaves the circle of radiusM cuts are read in part where that is cheaper (without a LIMIT).
  const cut = new Map<Kind, Range[]>();
  const whole = leaves.filter((l) => {
    const ranges = cutLeaf(l, q.lat, q.lng, q.radiusM, o);
    if (ranges) cut.set(l.kind, [...(cut.get(l.kind) ?? []), ...ranges]);
    return !ranges;
  });
  for (const [kind, ranges] of cut) cut.set(kind, mergeRanges(ranges));
  const byKind = runsOf(whole);
  const budget = Math.max(1, Math.floor(o.exactStatements / Math.max(1, byKind.size)));
  const read = await readRuns(tally, byKind, cut, budget, probe);
  if (!read) return;
  if (probe) state.version = read.version;
  for (const row of read.rows) {
    state.read++;
    const c = keep(row);
    if (c) state.matches.push(c);
  }
}

/**
 * Nearest sites to a point, within radiusM, best first. The isolate's leaf counts say
 * which ~150 m tiles can hold the nearest `limit` (LeafSearch.boundFor); the first read
 * takes those expected to hold them (expectedRadius), each tile with a LIMIT of its count,
 * in one round trip with the version probe. Should the nearest `limit` not lie inside the
 * circle every tile of which was read, a second read takes the rest of the bound's tiles,
 * which surely hold them; with amenity or open-now filters the bound grows with the share
 * of sites that pass, until the circle of radiusM is read.
 */
export async function nearbySites(
  d1: Reader,
  q: NearbyQuery,
  o: PlannerOptions = PLANNER_DEFAULTS,
): Promise<NearbyResult> {
  const tally = new Tally(d1);
  for (;;) {
    const known = await geoState(tally);
    // A snapshot read by this request, or a version read within a few seconds, needs no probe.
    const probe = needsProbe(tally);
    const found = await searchLeaves(tally, known.densities, q, probe, o);
    if (found.version !== undefined && found.version !== known.version) {
      // The data moved since the snapshot: its counts may be wrong, so search again with new ones.
      await confirmVersion(tally, found.version);
      continue;
    }
    if (found.version !== undefined) await confirmVersion(tally, found.version);
    const items = await finishNearby(tally, found.matches, q.limit);
    return { items, searched_m: found.searched, ...costOf(tally) };
  }
}

async function searchLeaves(tally: Tally, densities: Densities, q: NearbyQuery, probe: boolean, o: PlannerOptions) {
  const keep = nearbyMatcher(q);
  const search = new LeafSearch(densities, kindsOf(q), q.lat, q.lng, q.radiusM, o);
  const state: NearbyRead = { matches: [], readUpTo: -Infinity, read: 0 };
  let want = q.limit;
  let bound = search.boundFor(want);
  // Past the expected radius by twice a lone site's slack, so that the lone sites counted in
  // part there (their leaves' distances span the slack) are read and proven inside.
  let upTo = Math.min(bound, expectedRadius(search.leaves, want * o.firstMargin, bound) + 2 * LONE_SITE_SLACK_M);
  for (let first = true; ; first = false) {
    await readLeaves(tally, search, state, upTo, first && probe, q, keep, o);
    // Every site nearer than the nearest unread tile has been read.
    const unread = search.leaves.find((l) => l.dmin > state.readUpTo + EDGE_SLACK_M)?.dmin ?? Infinity;
    const proven = Math.min(q.radiusM, unread, search.frontier()) - EDGE_SLACK_M;
    const inside = state.matches.filter((m) => m.distance <= proven).length;
    if (inside >= q.limit || state.readUpTo >= q.radiusM)
      return { matches: state.matches, searched: Math.min(q.radiusM, state.readUpTo), version: state.version };
    if (upTo < bound) {
      upTo = bound;
      continue;
    }
    // Filters dropped sites the bound counted: want more, by the share of sites that passed.
    want = Math.ceil(Math.max(2 * want, (q.limit * state.read * 1.2) / Math.max(1, state.matches.length)));
    bound = search.boundFor(want);
    upTo = bound;
  }
}
