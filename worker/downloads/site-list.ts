// What the public map and list show, as downloads: a GeoJSON FeatureCollection with
// the data's licence, or a CSV (UTF-8 with BOM for Excel) of the same sites.
import Papa from 'papaparse';
import { escapeCell } from '../core/csv/formula';
import { DATA_LICENCE } from '../core/data-licence';
import type { Site } from '../core/site';

/** A site as the public search answers it: with its open state, and its distance in a nearby list. */
export type ListedSite = Site & {
  open_now: boolean | null;
  next_change: string | null;
  hours_today: string | null;
  distance_m?: number;
};

const COLUMNS = [
  'id',
  'name',
  'name_en',
  'kind',
  'distance_m',
  'open_now',
  'hours_today',
  'next_change',
  'opening_hours',
  'address',
  'district_name',
  'street_name',
  'street_code',
  'lat',
  'lng',
  'coord_precision',
  'phones',
  'amenities',
  'elder_services',
  'beds',
  'park_type',
  'area_ha',
  'operator',
  'status',
  'source',
  'source_url',
  'verified_at',
  'updated_at',
] as const satisfies readonly (keyof ListedSite)[];

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return escapeCell(value.join(';'));
  return escapeCell(String(value));
}

export function siteListCsv(sites: readonly ListedSite[], withDistance: boolean): string {
  const fields = COLUMNS.filter((c) => withDistance || c !== 'distance_m');
  return `\uFEFF${Papa.unparse({ fields: [...fields], data: sites.map((s) => fields.map((f) => cell(s[f]))) }, { newline: '\r\n' })}\r\n`;
}

export function siteListGeoJson(sites: readonly ListedSite[]) {
  return {
    type: 'FeatureCollection' as const,
    licence: { id: DATA_LICENCE.id, name: DATA_LICENCE.name, url: DATA_LICENCE.url },
    attribution: DATA_LICENCE.attribution,
    features: sites.map(({ lat, lng, ...properties }) => ({
      type: 'Feature' as const,
      id: properties.id,
      geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
      properties,
    })),
  };
}
