// What a map view or data tile shows (GET /sites?bbox=, /sites/tiles/{z}/{x}/{y}): the
// sites, or clusters from `cell_counts`, planned over the isolate's densities
// (worker/core/geo/density.ts, plan.ts), read through worker/db/site-cells.ts.

import { cellRange, type Tile, tileFromKey, tileKey } from '../../core/geo/cell';
import { boxAreaM2, coverBox, mergeRanges, type Range, tileBox } from '../../core/geo/cover';
import { countAt, expectedInBox } from '../../core/geo/density';
import type { Box } from '../../core/geo/distance';
import { clusterZoom, intersectBoxes, planBox } from '../../core/geo/plan';
import { PLANNER_DEFAULTS, type PlannerOptions } from '../../core/geo/planner-options';
import { judgesEachSite } from '../../core/open-state';
import type { Kind } from '../../core/vocabulary';
import { confirmVersion, geoState, needsProbe, type Reader, Tally } from '../../db/geo-state';
import { readCounts, readRanges } from '../../db/site-cells';
import {
  type Cluster,
  costOf,
  finishView,
  kindsOf,
  type ViewAnswer,
  type ViewQuery,
  type ViewResult,
  viewMatches,
} from './results';

const sameBox = (a: Box, b: Box) =>
  a.minLat === b.minLat && a.maxLat === b.maxLat && a.minLng === b.minLng && a.maxLng === b.maxLng;

/** Sites of each kind in the view, each tile's part planned as tightly as its density allows. */
function viewRanges(
  parts: readonly { kind: Kind; tile: Tile; part?: Box; density: number }[],
  o: PlannerOptions,
): Map<Kind, Range[]> {
  const rangesByKind = new Map<Kind, Range[]>();
  for (const p of parts) {
    if (!p.part) continue;
    // A tile wholly in view, or expected empty, is read whole: finer tiles could only add range ends.
    const whole = p.density === 0 || sameBox(p.part, tileBox(p.tile));
    const ranges = whole ? [cellRange(p.tile)] : planBox(p.part, p.density, p.tile, o).ranges;
    rangesByKind.set(p.kind, [...(rangesByKind.get(p.kind) ?? []), ...ranges]);
  }
  for (const [kind, ranges] of rangesByKind) rangesByKind.set(kind, mergeRanges(ranges));
  return rangesByKind;
}

/**
 * What a map view shows. The isolate's densities say whether the view holds few enough
 * sites to send one by one; if so its tiles are read (one round trip, with the version
 * probe), else the exact counts of its tiles at the cluster zoom are read and sent as
 * clusters (rows read ≈ clusters returned). A wrong guess costs a second round trip or
 * extra rows, never a wrong answer: sites read beyond the cap are clustered here.
 */
export async function sitesInView(d1: Reader, q: ViewQuery, o: PlannerOptions = PLANNER_DEFAULTS): Promise<ViewResult> {
  const tally = new Tally(d1);
  const kinds = kindsOf(q);
  const known = await geoState(tally);
  const probe = needsProbe(tally);
  const z = clusterZoom(q.box, q.zoom, o);
  const filtered = judgesEachSite(q);
  const readCap = filtered ? o.filteredViewReadMax : o.viewCap;
  // Read the sites when they surely fit, or may fit and reading them costs at most
  // filteredViewReadMax rows; otherwise answer from the counts alone.
  const worthReading = (expected: number, upper: number) =>
    upper <= o.viewCap || (expected <= readCap && upper <= o.filteredViewReadMax);

  const guess = expectedInBox(known.densities, kinds, q.box, z);
  let read = false;
  let version: number | undefined;
  if (guess.z === z ? worthReading(guess.expected, guess.upper) : guess.expected <= readCap) {
    // Every snapshot tile of the view is read, empty or not: a site added since the
    // snapshot must still be found. Its density only chooses how finely to cut the ranges.
    const parts = kinds.flatMap((kind) =>
      coverBox(q.box, guess.z).tiles.map((tile) => {
        const box = tileBox(tile);
        return {
          kind,
          tile,
          part: intersectBoxes(box, q.box),
          density: countAt(known.densities, [kind], tile.z, tileKey(tile)) / boxAreaM2(box),
        };
      }),
    );
    const rows = await readRanges(tally, viewRanges(parts, o), probe);
    version = rows.version;
    const matches = viewMatches(rows.rows, q);
    // Over the cap, an unfiltered view is answered with the clusters of its tiles' counts,
    // as when the counts are read first: the same view always gets the same clusters.
    if (matches.length <= o.viewCap || filtered) {
      const result = await finishView(tally, matches, z, o);
      if (version !== undefined) await confirmVersion(tally, version);
      return { ...result, ...costOf(tally) };
    }
    read = true;
  }

  const tiles = coverBox(q.box, z).tiles;
  const probed = await readCounts(tally, kinds, tiles.map(tileKey), z, probe && version === undefined);
  version ??= probed.version;
  const counts = probed.counts;
  // Sites in the view: at most every site of the tiles it touches; expected, the whole counts
  // of tiles inside it plus area shares of those on its edge.
  let expected = 0;
  let upper = 0;
  const parts = counts.map((c) => {
    const tile = tileFromKey(c.tile, z);
    const box = tileBox(tile);
    const part = intersectBoxes(box, q.box);
    const area = boxAreaM2(box);
    const share = part && area > 0 ? boxAreaM2(part) / area : 0;
    expected += c.n * share;
    upper += c.n;
    return { ...c, tile, part, density: area > 0 ? c.n / area : 0 };
  });

  let answer: ViewAnswer;
  if (!read && worthReading(expected, upper)) {
    // The densities were out of date: fewer sites than they said. Read the non-empty tiles.
    const read = await readRanges(
      tally,
      viewRanges(
        parts.filter((p) => p.n > 0),
        o,
      ),
    );
    answer = await finishView(tally, viewMatches(read.rows, q), z, o);
  } else {
    const byTile = new Map<number, Cluster>();
    for (const c of counts) {
      const prev = byTile.get(c.tile);
      const n = (prev?.count ?? 0) + c.n;
      byTile.set(c.tile, {
        count: n,
        lat: ((prev ? prev.lat * prev.count : 0) + c.sum_lat) / n,
        lng: ((prev ? prev.lng * prev.count : 0) + c.sum_lng) / n,
        tile: tileFromKey(c.tile, z),
      });
    }
    const clusters = [...byTile].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    answer = { mode: 'clusters', clusters, cluster_zoom: z, filters_applied: !filtered };
  }
  if (version !== undefined) await confirmVersion(tally, version);
  return { ...answer, ...costOf(tally) };
}
