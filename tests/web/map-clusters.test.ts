// The map's one clustering path (web/src/map-clusters.ts): sites and the server's
// clusters grouped by supercluster, counts kept, taps zooming to where the sites are.
import { describe, expect, it } from 'vitest';
import type { MapFeature, MapSite } from '../../web/src/api/types';
import { CLUSTER_DEFAULTS, extentOf, MapClusters } from '../../web/src/map-clusters';

const site = (id: number, lat: number, lng: number): MapFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { id, lat, lng, name: `site ${id}`, kind: 'park' } as MapSite,
});
const serverCluster = (lat: number, lng: number, count: number, tile: string): MapFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { cluster: true, count, tile },
});
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];
const total = (items: ReturnType<MapClusters['items']>) =>
  items.reduce((n, i) => n + (i.type === 'site' ? 1 : i.count), 0);

describe('grouping the points of a map view', () => {
  const grid = Array.from({ length: 1000 }, (_, i) =>
    site(i + 1, 39.8 + Math.floor(i / 40) * 0.004, 116.3 + (i % 40) * 0.004),
  );

  it('counts every site of the view once at every zoom', () => {
    const clusters = new MapClusters();
    clusters.load(grid);
    for (let z = 3; z <= 19; z++) expect(total(clusters.items(WORLD, z))).toBe(1000);
  });

  it('groups sites that would overlap on screen and leaves them apart closer in', () => {
    const clusters = new MapClusters();
    clusters.load(grid);
    expect(clusters.items(WORLD, 10).length).toBeLessThan(50);
    expect(clusters.items(WORLD, CLUSTER_DEFAULTS.maxZoom + 1).every((i) => i.type === 'site')).toBe(true);
  });

  it('weighs each server cluster by its count and marks bubbles that hold one', () => {
    const clusters = new MapClusters();
    clusters.load([serverCluster(40, 116, 120, '9/421/193'), serverCluster(40.01, 116.01, 30, '9/421/194')]);
    const [bubble, ...rest] = clusters.items(WORLD, 8);
    expect(rest).toHaveLength(0);
    expect(bubble).toMatchObject({ type: 'cluster', count: 150, server: true });
    // Far enough apart on screen, each is its own bubble with its own count.
    const apart = clusters.items(WORLD, 16);
    expect(apart.map((i) => (i.type === 'cluster' ? i.count : 0)).sort((a, b) => a - b)).toEqual([30, 120]);
  });

  it('leaves out the sites drawn on their own (the open one), so none is counted twice', () => {
    const clusters = new MapClusters();
    clusters.load(grid, new Set([1, 2, 3]));
    expect(total(clusters.items(WORLD, 12))).toBe(997);
  });

  it('zooms a tap on a bubble to where its sites lie', () => {
    const clusters = new MapClusters();
    clusters.load([site(1, 39.9, 116.4), site(2, 39.901, 116.402), site(3, 39.9005, 116.401)]);
    const [bubble] = clusters.items(WORLD, 10);
    if (bubble?.type !== 'cluster') throw new Error('expected one bubble');
    expect(bubble.extent()).toEqual({ south: 39.9, west: 116.4, north: 39.901, east: 116.402 });
  });

  it("takes a server cluster's whole tile as where its sites lie", () => {
    const e = extentOf([{ tile: '1/1/0', count: 5 }]);
    expect(e.west).toBeCloseTo(0);
    expect(e.east).toBeCloseTo(180);
    expect(e.south).toBeCloseTo(0);
    expect(e.north).toBeCloseTo(85.0511, 3);
  });

  it('finds the zoom at which a grouped site stands alone', () => {
    const clusters = new MapClusters();
    clusters.load(grid);
    const alone = clusters.zoomShowing(500, 10)!;
    expect(alone.zoom).toBeGreaterThan(10);
    const shown = clusters.items(WORLD, alone.zoom).some((i) => i.type === 'site' && i.site.id === 500);
    expect(shown).toBe(true);
    expect(clusters.zoomShowing(5000, 10)).toBeNull();
  });
});
