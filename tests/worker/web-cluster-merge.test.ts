// Merging the server's map clusters that would overlap on screen (web/src/cluster-merge.ts).
import { describe, expect, it } from 'vitest';
import { mergeClusters } from '../../web/src/cluster-merge';

describe('merging server clusters on screen', () => {
  it('merges clusters that would overlap on screen into a bubble at their count-weighted centre', () => {
    const merged = mergeClusters([
      { lat: 41, lng: 117, x: 40, y: 40, count: 1, tile: '12/2/1' },
      { lat: 40, lng: 116, x: 10, y: 10, count: 3, tile: '12/1/1' },
      { lat: 39, lng: 115, x: 200, y: 10, count: 5, tile: '12/9/1' },
    ], 64);
    expect(merged).toHaveLength(2);
    const [a, b] = merged;
    expect(a).toEqual({ lat: 39, lng: 115, count: 5, tiles: ['12/9/1'] });
    expect(b).toEqual({ lat: 40.25, lng: 116.25, count: 4, tiles: ['12/1/1', '12/2/1'] });
  });

  it('keeps every site counted once', () => {
    const clusters = Array.from({ length: 50 }, (_, i) => ({
      lat: 39 + i / 100, lng: 116 + i / 100, x: (i * 37) % 400, y: (i * 53) % 300, count: i + 1, tile: `12/${i}/0`,
    }));
    const merged = mergeClusters(clusters, 64);
    expect(merged.reduce((n, c) => n + c.count, 0)).toBe(clusters.reduce((n, c) => n + c.count, 0));
    expect(merged.flatMap((c) => c.tiles).sort()).toEqual(clusters.map((c) => c.tile).sort());
  });

  it('leaves clusters that are far enough apart on screen as they are', () => {
    expect(mergeClusters([
      { lat: 1, lng: 1, x: 0, y: 0, count: 1, tile: 'a' },
      { lat: 2, lng: 2, x: 64, y: 0, count: 1, tile: 'b' },
    ], 64)).toHaveLength(2);
  });
});
