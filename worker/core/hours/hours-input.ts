// Opening hours as entered (console, CSV, preview): OSM syntax, or a Chinese phrasing
// converted to it (hours-phrasing.ts). Pure.
import { chineseToOsm, looksChinese } from './hours-phrasing';
import { type HoursError, type OpeningHours, parseOpeningHours } from './opening-hours';

export type ReadHours =
  | { ok: true; hours: OpeningHours /** The entered text was Chinese and converted. */; converted: boolean }
  | { ok: false; error: HoursError };

export function readHours(text: string): ReadHours {
  const osm = parseOpeningHours(text);
  if (osm.ok) return { ok: true, hours: osm.hours, converted: false };
  if (!looksChinese(text)) return osm;
  const converted = chineseToOsm(text);
  if (!converted.ok) return converted;
  const parsed = parseOpeningHours(converted.value);
  // The converter writes only what the parser reads; a failure here is a converter bug.
  if (!parsed.ok)
    return {
      ok: false,
      error: {
        reason: `could not read the converted hours '${converted.value}': ${parsed.error.reason}`,
        reason_zh: `转换后的“${converted.value}”无法读取`,
        position: 0,
      },
    };
  return { ok: true, hours: parsed.hours, converted: true };
}
