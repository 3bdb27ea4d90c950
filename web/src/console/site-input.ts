// The site form's model, apart from the DOM: what the editor typed, turned into the
// API's site input (POST) or into only the changed fields (PATCH). Fields that belong
// to another kind are cleared, so switching a park to a rest station leaves no park area behind.
import type {
  Accessibility,
  Amenity,
  CoordPrecision,
  CoordSystem,
  ElderService,
  Kind,
  ParkGrade,
  ParkType,
  Source,
  Status,
} from '#core';
import type { Site, SiteCreate, SitePatch } from '../api/types';
import type { LngLat } from './coords';

/** Fields shown only for one kind. */
const KIND_FIELDS = {
  elder_services: 'elder_care',
  beds: 'elder_care',
  park_type: 'park',
  park_grade: 'park',
  area_ha: 'park',
} as const satisfies Partial<Record<keyof SiteCreate, Kind>>;

export const appliesTo = (field: keyof typeof KIND_FIELDS, kind: Kind) => KIND_FIELDS[field] === kind;

/**
 * Where the site is. `entered` is what will be sent, in `system`; `wgs84` is what the map
 * shows. A click or drag on the map gives WGS-84 directly; a paste keeps its original system
 * so the server converts and records it (one conversion, in one place).
 */
export interface Position {
  entered: LngLat;
  system: CoordSystem;
  wgs84: LngLat;
}

/** What the form holds: text exactly as typed, choices as codes. */
export interface FormValues {
  external_id: string;
  kind: Kind;
  name: string;
  name_en: string;
  address: string;
  street_code: string;
  position: Position | null;
  coord_precision: CoordPrecision;
  phones: string;
  opening_hours: string;
  /** Works the official make-up working days with weekday hours. */
  follows_workday_calendar: boolean;
  amenities: Amenity[];
  elder_services: ElderService[];
  accessibility: Accessibility[];
  beds: string;
  park_type: ParkType | '';
  park_grade: ParkGrade | '';
  area_ha: string;
  operator: string;
  description: string;
  status: Status;
  source: Source;
  source_url: string;
}

export function emptyValues(streetCode: string): FormValues {
  return {
    external_id: '',
    kind: 'rest_station',
    name: '',
    name_en: '',
    address: '',
    street_code: streetCode,
    position: null,
    coord_precision: 'surveyed',
    phones: '',
    opening_hours: '',
    follows_workday_calendar: false,
    amenities: [],
    elder_services: [],
    accessibility: [],
    beds: '',
    park_type: '',
    park_grade: '',
    area_ha: '',
    operator: '',
    description: '',
    status: 'open',
    source: 'street_office',
    source_url: '',
  };
}

export function valuesOf(site: Site): FormValues {
  const point = { lng: site.lng, lat: site.lat };
  return {
    external_id: site.external_id ?? '',
    kind: site.kind,
    name: site.name,
    name_en: site.name_en ?? '',
    address: site.address ?? '',
    street_code: site.street_code,
    // Stored positions are WGS-84 whatever system they were first entered in.
    position: { entered: point, system: 'wgs84', wgs84: point },
    coord_precision: site.coord_precision,
    phones: site.phones.join('\n'),
    opening_hours: site.opening_hours ?? '',
    follows_workday_calendar: site.follows_workday_calendar,
    amenities: [...site.amenities],
    elder_services: [...site.elder_services],
    accessibility: [...site.accessibility],
    beds: site.beds === null ? '' : String(site.beds),
    park_type: site.park_type ?? '',
    park_grade: site.park_grade ?? '',
    area_ha: site.area_ha === null ? '' : String(site.area_ha),
    operator: site.operator ?? '',
    description: site.description ?? '',
    status: site.status,
    source: site.source,
    source_url: site.source_url ?? '',
  };
}

const text = (s: string) => (s.trim() === '' ? null : s.trim());
/** A number field: blank is null (checkValues has already refused unreadable text). */
const num = (s: string) => (s.trim() === '' ? null : Number(s.trim()));

/** Problems the browser can see before sending: a missing name or position, unreadable numbers. */
export function checkValues(v: FormValues): { name: string; reason: 'required' | 'number' | 'position' }[] {
  const problems: { name: string; reason: 'required' | 'number' | 'position' }[] = [];
  if (v.name.trim() === '') problems.push({ name: 'name', reason: 'required' });
  if (v.position === null) problems.push({ name: 'lat', reason: 'position' });
  const numbers: [string, string, boolean][] = [
    ['beds', v.beds, v.kind === 'elder_care'],
    ['area_ha', v.area_ha, v.kind === 'park'],
  ];
  for (const [name, value, shown] of numbers) {
    if (shown && value.trim() !== '' && !Number.isFinite(Number(value.trim())))
      problems.push({ name, reason: 'number' });
  }
  return problems;
}

const splitPhones = (s: string) =>
  s
    .split(/[\n,，;；、]+/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The POST body (lat/lng in `coord_system`; the server converts to WGS-84). Needs a position:
 * the form refuses to save without one. A retired site's status is not sent (only restoring
 * brings it back; the form does not save it).
 */
export function toInput(v: FormValues, position: Position): SiteCreate {
  const elder = v.kind === 'elder_care';
  const park = v.kind === 'park';
  return {
    external_id: text(v.external_id),
    kind: v.kind,
    name: v.name.trim(),
    name_en: text(v.name_en),
    address: text(v.address),
    street_code: v.street_code,
    lng: position.entered.lng,
    lat: position.entered.lat,
    coord_system: position.system,
    coord_precision: v.coord_precision,
    phones: splitPhones(v.phones),
    opening_hours: text(v.opening_hours),
    follows_workday_calendar: v.follows_workday_calendar,
    amenities: [...v.amenities],
    elder_services: elder ? [...v.elder_services] : [],
    accessibility: [...v.accessibility],
    beds: elder ? num(v.beds) : null,
    park_type: park && v.park_type !== '' ? v.park_type : null,
    park_grade: park && v.park_grade !== '' ? v.park_grade : null,
    area_ha: park ? num(v.area_ha) : null,
    operator: text(v.operator),
    description: text(v.description),
    ...(v.status !== 'retired' ? { status: v.status } : {}),
    source: v.source,
    source_url: text(v.source_url),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const POSITION_KEYS = new Set<keyof SiteCreate>(['lat', 'lng', 'coord_system']);

/**
 * The PATCH body: `version` plus every field whose value differs from `original`.
 * The position goes as a whole (lat, lng and their system) when the point moved.
 */
export function toPatch(original: Site, input: SiteCreate): SitePatch {
  const patch: SitePatch = { version: original.version };
  const target = patch as Record<string, unknown>;
  for (const key of Object.keys(input) as (keyof SiteCreate & keyof Site)[]) {
    if (POSITION_KEYS.has(key)) continue;
    if (!same(input[key], original[key])) target[key] = input[key];
  }
  const moved = input.coord_system !== 'wgs84' || input.lat !== original.lat || input.lng !== original.lng;
  if (moved) Object.assign(patch, { lat: input.lat, lng: input.lng, coord_system: input.coord_system });
  return patch;
}

/**
 * Three-way merge after a 409: the fields the editor changed (mine differs from base,
 * the record they loaded) over the record as it is now (theirs).
 */
export function mergeEdits(base: FormValues, mine: FormValues, theirs: FormValues): FormValues {
  const merged = { ...theirs } as Record<keyof FormValues, unknown>;
  for (const key of Object.keys(mine) as (keyof FormValues)[]) {
    if (!same(mine[key], base[key])) merged[key] = mine[key];
  }
  return merged as FormValues;
}
