// Nearest sites to a point (GET /sites/nearby): planned over the isolate's leaf counts
// (worker/core/geo/leaves.ts), read through worker/db/site-cells.ts.

import { EDGE_SLACK_M, mergeRanges, type Range } from '../../core/geo/cover';
import type { Densities } from '../../core/geo/density';
import {
  cutLeaf,
  expectedRadius,
  type Leaf,
  LeafSearch,
  LONE_SITE_SLACK_M,
  leafPart,
  runsOf,
  spreadRadius,
} from '../../core/geo/leaves';
import { PLANNER_DEFAULTS, type PlannerOptions } from '../../core/geo/planner-options';
import type { Kind } from '../../core/vocabulary';
import { confirmVersion, geoState, needsProbe, type Reader, Tally } from '../../db/geo-state';
import type { SiteRow } from '../../db/schema';
import { type CutRead, readRuns } from '../../db/site-cells';
import {
  type Candidate,
  costOf,
  finishNearby,
  kindsOf,
  type NearbyQuery,
  type NearbyResult,
  nearbyMatcher,
} from './results';

/** The search's state: which leaves were read (whole, or in part), and the matches found in them. */
interface NearbyRead {
  readonly matches: Candidate[];
  /** Every leaf with dmin up to this was read, whole or in part. */
  readUpTo: number;
  /** Leaves read in part (by their first key): the radius their part reached, and its sub-tiles' zoom. */
  parts: Parts;
  read: number;
  version?: number;
}

const leafId = (l: Leaf) => `${l.kind}:${l.lo}`;

type Parts = Map<string, { toM: number; zooms: number }>;

/** Every site within this distance has been read: no unread leaf, nor unread part of one, is nearer. */
function provenRadius(search: LeafSearch, state: NearbyRead, radiusM: number): number {
  const unread = search.leaves.find((l) => l.dmin > state.readUpTo + EDGE_SLACK_M)?.dmin ?? Infinity;
  let proven = Math.min(radiusM, unread, search.frontier());
  for (const p of state.parts.values()) proven = Math.min(proven, p.toM);
  return proven - EDGE_SLACK_M;
}

/** What one read takes: whole leaves (each with a LIMIT), cut ranges (without), and its expected rows. */
interface LeafRead {
  readonly whole: Leaf[];
  readonly cut: Map<Kind, CutRead>;
  readonly parts: Parts;
  readonly upTo: number;
  readonly cost: number;
}

/**
 * The leaves found with readUpTo < dmin ≤ upTo, and the rest of those read in part up to cutM.
 * A leaf the circle of cutM (never past radiusM) cuts is read in part, its sub-tiles touching
 * that circle without a LIMIT, where that is expected to be cheaper (cutLeaf).
 */
function planLeaves(
  search: LeafSearch,
  state: NearbyRead,
  upTo: number,
  cutM: number,
  q: NearbyQuery,
  o: PlannerOptions,
): LeafRead {
  search.expandTo(upTo);
  const cutAt = Math.min(cutM, q.radiusM);
  const parts: Parts = new Map(state.parts);
  const cut = new Map<Kind, CutRead>();
  let cost = 0;
  // Each kind's cut ranges, with the sites of the leaves they cut (more than they can hold).
  const addCut = (leaf: Leaf, ranges: readonly Range[]) => {
    const was = cut.get(leaf.kind);
    cut.set(leaf.kind, { ranges: [...(was?.ranges ?? []), ...ranges], n: (was?.n ?? 0) + leaf.n });
  };
  // The rest of the leaves read in part before, as far as this read reaches.
  for (const l of parts.size > 0 ? search.leaves : []) {
    const part = parts.get(leafId(l));
    if (!part || part.toM >= cutAt) continue;
    const rest = leafPart(l, q.lat, q.lng, part.toM, cutAt, part.zooms);
    addCut(l, rest.ranges);
    cost += rest.ranges.length + l.n * rest.share;
    if (l.dmax <= cutAt || cutAt >= q.radiusM) parts.delete(leafId(l));
    else parts.set(leafId(l), { toM: cutAt, zooms: part.zooms });
  }
  const leaves = search.leaves.filter((l) => l.dmin > state.readUpTo + EDGE_SLACK_M && l.dmin <= upTo + EDGE_SLACK_M);
  const whole = leaves.filter((l) => {
    const part = l.dmin <= cutAt + EDGE_SLACK_M ? cutLeaf(l, q.lat, q.lng, cutAt, o) : undefined;
    if (!part) {
      cost += l.n;
      return true;
    }
    addCut(l, part.ranges);
    cost += part.ranges.length + l.n * part.share;
    // A leaf cut at radiusM holds nothing more to find; one cut nearer is read on if the search goes on.
    if (cutAt < q.radiusM) parts.set(leafId(l), { toM: cutAt, zooms: part.zooms });
    return false;
  });
  for (const [kind, c] of cut) cut.set(kind, { ranges: mergeRanges(c.ranges), n: c.n });
  return { whole, cut, parts, upTo, cost };
}

/** Runs a planned read in one batch (with the version probe if `probe`) and keeps its matches. */
async function readLeaves(
  tally: Tally,
  state: NearbyRead,
  plan: LeafRead,
  probe: boolean,
  keep: (row: SiteRow) => Candidate | undefined,
  o: PlannerOptions,
) {
  state.readUpTo = plan.upTo;
  state.parts = plan.parts;
  const byKind = runsOf(plan.whole);
  const budget = Math.max(1, Math.floor(o.exactStatements / Math.max(1, byKind.size)));
  const read = await readRuns(tally, byKind, plan.cut, budget, probe);
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
 * in one round trip with the version probe; or, where that is expected to read fewer rows,
 * the tiles within the circle expected to hold 1.5 × `limit` (spreadRadius), crowded ones
 * cut at its rim. Should the nearest `limit` not lie inside the circle every tile (or part)
 * of which was read, a second read takes the rest of the bound's tiles and parts, which
 * surely hold them; with amenity or open-now filters the bound grows with the share of
 * sites that pass, until the circle of radiusM is read.
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
  const state: NearbyRead = { matches: [], readUpTo: -Infinity, parts: new Map(), read: 0 };
  let want = q.limit;
  let bound = search.boundFor(want);
  // Past the expected radius by twice a lone site's slack, so that the lone sites counted in
  // part there (their leaves' distances span the slack) are read and proven inside.
  const upTo = Math.min(bound, expectedRadius(search.leaves, want * o.firstMargin, bound) + 2 * LONE_SITE_SLACK_M);
  // Or, where that is expected to read fewer rows: the circle in which the k nearest are
  // expected with room to spare, crowded leaves cut at its rim (a leaf read in part proves
  // nothing past it, so leaves beyond it are left unread). A later read takes the bound, which surely holds them.
  let plan = planLeaves(search, state, upTo, q.radiusM, q, o);
  // A cut read reads at least the sites it expects in its circle: no saving below that.
  if (plan.cost > want * o.cutMargin) {
    const cutM = spreadRadius(search.leaves, q.lat, q.lng, want * o.cutMargin, bound, o);
    const cut = planLeaves(search, state, cutM, cutM, q, o);
    if (cut.cost < plan.cost) plan = cut;
  }
  for (let first = true; ; first = false) {
    await readLeaves(tally, state, plan, first && probe, keep, o);
    const proven = provenRadius(search, state, q.radiusM);
    const inside = state.matches.filter((m) => m.distance <= proven).length;
    const partsTo = Math.min(...[...state.parts.values()].map((p) => p.toM));
    if (inside >= q.limit || (state.readUpTo >= q.radiusM && state.parts.size === 0))
      return { matches: state.matches, searched: Math.min(q.radiusM, state.readUpTo, partsTo), version: state.version };
    if (state.readUpTo < bound || partsTo < bound) {
      plan = planLeaves(search, state, bound, bound, q, o);
      continue;
    }
    // Filters dropped sites the bound counted: want more, by the share of sites that passed.
    want = Math.ceil(Math.max(2 * want, (q.limit * state.read * 1.2) / Math.max(1, state.matches.length)));
    bound = search.boundFor(want);
    plan = planLeaves(search, state, bound, bound, q, o);
  }
}
