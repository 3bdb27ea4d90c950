// Choosing the tile provider at build time (web/src/basemap-provider.ts).
import { describe, expect, it } from 'vitest';
import { basemapProvider, tileOrigins } from '../../web/src/basemap-provider';

describe('the tile provider chosen at build time', () => {
  it('uses OpenStreetMap for development when nothing is set', () => {
    const p = basemapProvider({});
    expect(p.name).toBe('osm');
    expect(tileOrigins(p)).toEqual(['https://tile.openstreetmap.org']);
    expect(p.attribution).toContain('OpenStreetMap');
  });

  it('uses Tianditu with its key, its vector and annotation layers, and shows the 审图号', () => {
    const p = basemapProvider({
      VITE_BASEMAP: 'tianditu',
      VITE_TIANDITU_KEY: 'k&1',
      VITE_TIANDITU_APPROVAL: 'GS(2099)1234号',
    });
    expect(p.layers.map((l) => new URL(l.url.replace('{s}', '0')).pathname)).toEqual(['/vec_w/wmts', '/cva_w/wmts']);
    for (const l of p.layers) {
      expect(l.url).toContain('TILEMATRIXSET=w'); // Web Mercator (the _c sets are lat/lng)
      expect(l.url).toContain('tk=k%261');
    }
    expect(p.attribution).toContain('天地图');
    expect(p.attribution).toContain('审图号：GS(2099)1234号');
    expect(tileOrigins(p)).toHaveLength(8); // t0–t7
  });

  it('refuses Tianditu without a key or without the 审图号', () => {
    expect(() => basemapProvider({ VITE_BASEMAP: 'tianditu', VITE_TIANDITU_APPROVAL: 'GS(2099)1234号' })).toThrow(
      /VITE_TIANDITU_KEY/,
    );
    expect(() => basemapProvider({ VITE_BASEMAP: 'tianditu', VITE_TIANDITU_KEY: 'k' })).toThrow(
      /VITE_TIANDITU_APPROVAL/,
    );
  });

  it('takes any other WGS-84 Web Mercator tiles with their credit line, and an unknown name is an error', () => {
    const p = basemapProvider({
      VITE_TILE_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png',
      VITE_TILE_ATTRIBUTION: '© Example',
    });
    expect(p.name).toBe('custom');
    expect(tileOrigins(p)).toEqual(['https://tiles.example.cn']);
    expect(() => basemapProvider({ VITE_BASEMAP: 'custom', VITE_TILE_URL: 'https://x/{z}/{x}/{y}.png' })).toThrow(
      /VITE_TILE_ATTRIBUTION/,
    );
    expect(() => basemapProvider({ VITE_BASEMAP: 'amap' })).toThrow(/VITE_BASEMAP/);
  });

  it('can draw only the base linli ships', () => {
    expect(basemapProvider({ VITE_BASEMAP: 'none' }).layers).toEqual([]);
  });
});
