// Every tunable of the geo search planner, declared once with its default (as supercluster
// keeps `defaultOptions`). The search functions take a PlannerOptions and default to these;
// tests and the benchmark may pass their own. Not tunables, as the schema fixes them: the
// zooms `cell_counts` keeps (LEAF_ZOOM in density.ts, CLUSTER_ZOOMS in plan.ts, kept by
// trigger migrations) and the D1 limits a statement must respect (worker/db/site-cells.ts).

export interface PlannerOptions {
  /** Most sites a map view returns one by one; above it the view is answered with clusters. */
  readonly viewCap: number;
  /** Most sites read to learn whether a filtered view (or one whose sites bunch up) fits the cap. */
  readonly filteredViewReadMax: number;
  /** The first read of a nearest-k search takes the leaves expected to hold this many times k sites. */
  readonly firstMargin: number;
  /** Statements per read up to which each run of leaves gets its own LIMIT; beyond it, runs share terms. */
  readonly exactStatements: number;
  /** The first radius (m) the leaf search expands to; it doubles from there. */
  readonly firstExpansionM: number;
  /** Most zooms finer than a leaf at which a leaf the search circle cuts is read in part (2: down to 4 × 4 sub-tiles). */
  readonly cutZooms: number;
  /** A first read cuts crowded leaves at the circle where this many times k sites are expected (spreadRadius). */
  readonly cutMargin: number;
  /** The finest zoom a view's cover uses (20: tiles of ~30 m); finer only adds ranges. */
  readonly maxPlanZoom: number;
  /** Most tiles a view's cover may have, to bound planning time and statement count. */
  readonly maxPlanTiles: number;
  /** Longest gap bridged between two ranges, in zoom-z tiles: a longer Z-order jump leads far away. */
  readonly maxGapTiles: number;
  /** How many zooms finer than the map's a view may cluster at (3: clusters ~32–256 px apart). */
  readonly clusterZoomLead: number;
  /** Most tiles a view may span at its cluster zoom. */
  readonly maxClusterTiles: number;
  /** First radius (m) of the planner-less benchmark baselines (kind_latlng, morton_fixed), doubled until k are inside. */
  readonly baselineFirstRadiusM: number;
  /** The one zoom of the morton_fixed baseline's tiles (16: ≈ 450 m). */
  readonly baselineFixedZoom: number;
  /** Most tiles of baselineFixedZoom a morton_fixed view may span. */
  readonly baselineMaxFixedTiles: number;
}

export const PLANNER_DEFAULTS: PlannerOptions = {
  viewCap: 500,
  filteredViewReadMax: 2000,
  // Measured on both bench datasets: 1.0 read the k nearest in one round trip at ≥ 99 % of points.
  firstMargin: 1.0,
  // Each statement costs the worker time to prepare, so a read of many runs pays a few range ends instead.
  exactStatements: 4,
  firstExpansionM: 100,
  // Measured on both bench datasets at 10⁶ sites (nearest 10, 300 points each): cutting down to
  // 8 × 8 sub-tiles at the circle where 1.5 k are expected took corridors' p95 from 5.7 to 3.0
  // rows per result with no second round trip; at 1.25 k, 1 % of points needed a second read.
  cutZooms: 3,
  cutMargin: 1.5,
  maxPlanZoom: 20,
  maxPlanTiles: 256,
  maxGapTiles: 3,
  clusterZoomLead: 3,
  maxClusterTiles: 1024,
  baselineFirstRadiusM: 250,
  baselineFixedZoom: 16,
  baselineMaxFixedTiles: 4096,
};
