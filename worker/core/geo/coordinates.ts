// China's three coordinate systems. linli stores WGS-84 (what GPS and Tianditu use);
// Amap and Tencent show GCJ-02, Baidu BD-09, and offices paste from any of them. The one
// place positions change system, through gcoord (MIT, 3.5 KB gz, the offsets' reference
// implementation in JS) rather than hand-copied offset formulas.
import gcoord from 'gcoord';
import type { CoordSystem } from '../vocabulary';

export interface LatLng {
  lat: number;
  lng: number;
}

const CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const satisfies Record<
  CoordSystem,
  unknown
>;
/** 1e-7° is about 1 cm: finer than any source is accurate to, and what D1 keeps. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** A position entered in `system`, in WGS-84 to 1e-7°. */
export function toWgs84(lat: number, lng: number, system: CoordSystem): LatLng {
  if (system === 'wgs84') return { lat: round7(lat), lng: round7(lng) };
  const [x, y] = gcoord.transform([lng, lat], CRS[system], gcoord.WGS84);
  return { lat: round7(y), lng: round7(x) };
}

/** A WGS-84 position in `system` (unrounded: navigation links format it themselves). */
export function fromWgs84(lat: number, lng: number, system: CoordSystem): LatLng {
  if (system === 'wgs84') return { lat, lng };
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, CRS[system]);
  return { lat: y, lng: x };
}
