// What a CSV row makes of a site: a new record, or the existing one with exactly the
// columns the file carries applied. Columns a file does not have are left as they are
// (phones, hours, description …), and so is the status unless a status column says
// otherwise: a file without one never reopens a retired site.
import { toWgs84 } from '../geo/coordinates';
import { SiteImportSchema, type SiteValues, valuesOfCreate } from '../site-input';
import type { CsvRow } from './rows';

/** What a new site cannot do without. */
export const REQUIRED_FOR_NEW = ['kind', 'name', 'street_code', 'lat', 'lng'] as const;
/** Fields with a default: an empty cell leaves them as they are (a new site gets the default). */
const KEPT_WHEN_EMPTY = new Set(['coord_system', 'coord_precision', 'status', 'external_id']);
/** Fields that cannot be emptied. */
const REQUIRED = new Set<string>(REQUIRED_FOR_NEW);

const SAME_PLACE = 1e-7; // degrees: the precision positions are stored to

export interface RowProblem {
  /** The API field, or null for the row as a whole. */
  key: string | null;
  reason: string;
}

/**
 * The record a row makes (opening hours as written: the caller parses them once, to check
 * and to store them in canonical form), and problems only the site can tell (a required field missing
 * or emptied). `complete` is false when required fields are missing or bad: the record
 * then holds placeholders for them, good only for checking the row's other fields.
 */
export interface RowOutcome {
  values: SiteValues;
  complete: boolean;
  problems: RowProblem[];
}

/** Stand-ins for missing required fields, so the rest of a broken row can still be checked. */
const PLACEHOLDERS = { kind: 'rest_station', name: '-', street_code: '000000000', lat: 0, lng: 0 } as const;

/** The import key a row names: its external_id, else `auto:<street_code>:<name>`; null when it names neither. */
export function rowKey(row: CsvRow): string | null {
  const { external_id, street_code, name } = row.cells;
  if (typeof external_id === 'string') return external_id;
  if (row.bad.has('external_id')) return null;
  return typeof street_code === 'string' && typeof name === 'string' ? `auto:${street_code}:${name}` : null;
}

/** A new site from a row; a required field missing is one problem naming all that are. */
function created(row: CsvRow): RowOutcome {
  const missing = REQUIRED_FOR_NEW.filter(
    (k) => row.cells[k] === null || (row.cells[k] === undefined && !row.bad.has(k)),
  );
  const problems: RowProblem[] = missing.length
    ? [{ key: null, reason: `a new site needs ${missing.join(', ')}` }]
    : [];
  const given = Object.fromEntries(Object.entries(row.cells).filter(([k, v]) => v !== null && !row.bad.has(k)));
  const input = SiteImportSchema.safeParse({ ...PLACEHOLDERS, ...given });
  if (!input.success) {
    // Each cell was validated alone already; what fails here is a rule across fields.
    problems.push(...input.error.issues.map((i) => ({ key: String(i.path[0] ?? ''), reason: i.message })));
    return { values: valuesOfCreate(PLACEHOLDERS, 'import'), complete: false, problems };
  }
  const complete = missing.length === 0 && !REQUIRED_FOR_NEW.some((k) => row.bad.has(k));
  return { values: valuesOfCreate(input.data, 'import'), complete, problems };
}

/** The existing record with the row's columns applied. */
function updated(current: SiteValues, row: CsvRow): RowOutcome {
  const next: Record<string, unknown> = { ...current };
  const problems: RowProblem[] = [];
  for (const [key, value] of Object.entries(row.cells)) {
    if (row.bad.has(key) || key === 'lat' || key === 'lng' || key === 'coord_system') continue;
    if (value !== null) next[key] = value;
    else if (REQUIRED.has(key)) problems.push({ key, reason: 'must not be empty' });
    else if (!KEPT_WHEN_EMPTY.has(key)) next[key] = Array.isArray(current[key as keyof SiteValues]) ? [] : null;
  }
  const { lat, lng, coord_system } = row.cells;
  for (const key of ['lat', 'lng'] as const)
    if (row.cells[key] === null) problems.push({ key, reason: 'must not be empty' });
  if (typeof lat === 'number' && typeof lng === 'number' && !row.bad.has('coord_system')) {
    const system = (typeof coord_system === 'string' ? coord_system : 'wgs84') as SiteValues['coord_system'];
    const point = toWgs84(lat, lng, system);
    // An export states WGS-84; the same point keeps the system it was entered in.
    if (Math.abs(point.lat - current.lat) >= SAME_PLACE || Math.abs(point.lng - current.lng) >= SAME_PLACE) {
      Object.assign(next, point, { coord_system: system });
    }
  }
  return { values: next as unknown as SiteValues, complete: true, problems };
}

/** The row's added codes (see CsvRow.adds) joined to the lists they belong to. */
function withAdds(outcome: RowOutcome, row: CsvRow): RowOutcome {
  if (!row.adds) return outcome;
  const values = { ...outcome.values } as Record<string, unknown>;
  for (const [key, codes] of Object.entries(row.adds)) {
    if (!row.bad.has(key)) values[key] = [...new Set([...(values[key] as string[]), ...(codes ?? [])])];
  }
  return { ...outcome, values: values as unknown as SiteValues };
}

export function rowValues(current: SiteValues | null, row: CsvRow): RowOutcome {
  return withAdds(current ? updated(current, row) : created(row), row);
}
