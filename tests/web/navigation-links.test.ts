// The map page's hand-over links to navigation apps (web/src/navigation-links.ts).
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { amapUrl, appleMapsUrl, baiduUrl, toBd09, toGcj02 } from '../../web/src/navigation-links';

const tiananmen = { lat: 39.915, lng: 116.404, name: '天安门 & "广场"', address: '东城区' };

describe('coordinate conversion for Chinese map apps', () => {
  it('turns WGS-84 into GCJ-02 as the published reference vector says', () => {
    const [lng, lat] = toGcj02(39.915, 116.404);
    expect(lng).toBeCloseTo(116.41024449916938, 10);
    expect(lat).toBeCloseTo(39.91640428150164, 10);
  });

  it('turns WGS-84 into BD-09 by way of GCJ-02', () => {
    const [lng, lat] = toBd09(39.915, 116.404);
    const [eLng, eLat] = gcoord.transform([116.41024449916938, 39.91640428150164], gcoord.GCJ02, gcoord.BD09);
    expect(lng).toBeCloseTo(eLng, 10);
    expect(lat).toBeCloseTo(eLat, 10);
  });
});

describe('navigation links', () => {
  it('gives Amap the GCJ-02 position as "lng,lat" and opens the app when installed', () => {
    const url = new URL(amapUrl(tiananmen));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('position')).toBe('116.4102445,39.9164043');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('1');
    expect(url.searchParams.get('name')).toBe('天安门 & "广场"');
    expect(amapUrl(tiananmen)).toContain('position=116.4102445,39.9164043'); // comma kept literal
  });

  it('gives Baidu the BD-09 position as "lat,lng" with its coordinate type', () => {
    const url = new URL(baiduUrl(tiananmen));
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/marker');
    const [lng, lat] = toBd09(tiananmen.lat, tiananmen.lng);
    expect(url.searchParams.get('location')).toBe(`${lat.toFixed(7)},${lng.toFixed(7)}`);
    expect(lat - tiananmen.lat).toBeGreaterThan(0.007); // BD-09 lies ~1 km north-east of WGS-84 here
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('title')).toBe(tiananmen.name);
    expect(url.searchParams.get('content')).toBe('东城区');
  });

  it('gives Apple Maps the WGS-84 position unchanged', () => {
    const url = new URL(appleMapsUrl(tiananmen));
    expect(url.searchParams.get('ll')).toBe('39.915,116.404');
    expect(url.searchParams.get('q')).toBe(tiananmen.name);
  });

  it('falls back to the name when a site has no address', () => {
    const url = new URL(baiduUrl({ ...tiananmen, address: null }));
    expect(url.searchParams.get('content')).toBe(tiananmen.name);
  });
});
