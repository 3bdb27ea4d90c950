// Pasted coordinates: Amap's and Baidu's pickers give "lng,lat" in GCJ-02 or BD-09,
// a GPS gives WGS-84. linli stores WGS-84, so a paste is parsed here and shown on the map
// converted by the core's one conversion (toWgs84), as the server will store it. Pure functions, no DOM.
import { type CoordSystem, toWgs84 as coreToWgs84 } from '#core';

export interface LngLat {
  lng: number;
  lat: number;
}

export type PasteResult = { ok: true; point: LngLat } | { ok: false; reason: 'empty' | 'format' | 'range' | 'swapped' };

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`;
// Two numbers separated by an ASCII or full-width comma and/or spaces.
const PAIR = new RegExp(`^\\s*(${NUMBER})\\s*(?:[,，]\\s*|\\s+)(${NUMBER})\\s*$`);

/** Reads "lng,lat" (the order both Amap and Baidu copy). */
export function parseLngLat(text: string): PasteResult {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  const match = PAIR.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const lng = Number(match[1]);
  const lat = Number(match[2]);
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    // "39.9,116.4": latitude first is the commonest paste mistake; say so.
    return Math.abs(lng) <= 90 && Math.abs(lat) <= 180
      ? { ok: false, reason: 'swapped' }
      : { ok: false, reason: 'range' };
  }
  // China lies east of Greenwich and north of the equator: a small first number
  // with a large second one is a lat,lng paste.
  if (lng > 0 && lat > 0 && lng < 60 && lat > 70) return { ok: false, reason: 'swapped' };
  return { ok: true, point: { lng, lat } };
}

/** A pasted point given in `from`, in WGS-84. */
export function toWgs84(point: LngLat, from: CoordSystem): LngLat {
  const { lat, lng } = coreToWgs84(point.lat, point.lng, from);
  return { lng, lat };
}

/** Six decimals: about 0.1 m, more than any source here is accurate to. */
export const formatCoord = (value: number) => value.toFixed(6);
