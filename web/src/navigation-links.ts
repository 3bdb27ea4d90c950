// Links that hand a site over to a navigation app. Positions in linli are WGS-84; Amap
// expects GCJ-02 and Baidu BD-09 (China's offset systems), converted by the core's one
// conversion (fromWgs84); Apple Maps takes WGS-84.
import { fromWgs84 } from '#core';

export interface Place {
  /** WGS-84 latitude. */
  lat: number;
  /** WGS-84 longitude. */
  lng: number;
  name: string;
  address?: string | null;
}

/** [lng, lat] in GCJ-02 (Amap, Tencent), the order their URLs take. */
export function toGcj02(lat: number, lng: number): [number, number] {
  const p = fromWgs84(lat, lng, 'gcj02');
  return [p.lng, p.lat];
}

/** [lng, lat] in BD-09 (Baidu). */
export function toBd09(lat: number, lng: number): [number, number] {
  const p = fromWgs84(lat, lng, 'bd09');
  return [p.lng, p.lat];
}

// Seven decimals is about 1 cm: exact enough, and keeps URLs short.
const fixed = (v: number) => v.toFixed(7).replace(/0+$/, '').replace(/\.$/, '');

// Like URLSearchParams, but commas in "lng,lat" stay literal as the map apps document them.
const query = (pairs: Record<string, string>) =>
  Object.entries(pairs)
    .map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`)
    .join('&');

/** Amap's web marker URI; `callnative=1` opens the Amap app when it is installed. */
export function amapUrl(p: Place): string {
  const [lng, lat] = toGcj02(p.lat, p.lng);
  const q = query({
    position: `${fixed(lng)},${fixed(lat)}`,
    name: p.name,
    src: 'linli',
    coordinate: 'gaode',
    callnative: '1',
  });
  return `https://uri.amap.com/marker?${q}`;
}

/** Baidu's web marker API, which offers to open the Baidu Maps app. */
export function baiduUrl(p: Place): string {
  const [lng, lat] = toBd09(p.lat, p.lng);
  const q = query({
    location: `${fixed(lat)},${fixed(lng)}`,
    title: p.name,
    content: p.address || p.name,
    output: 'html',
    coord_type: 'bd09ll',
    src: 'linli',
  });
  return `https://api.map.baidu.com/marker?${q}`;
}

/** Apple Maps, WGS-84 as it is. */
export function appleMapsUrl(p: Place): string {
  const q = query({ ll: `${fixed(p.lat)},${fixed(p.lng)}`, q: p.name });
  return `https://maps.apple.com/?${q}`;
}
