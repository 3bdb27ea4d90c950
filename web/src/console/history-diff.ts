// What one change did to a site, field by field, for the history view. Pure: the
// view passes in how to word a value (labels in the reader's language).
import type { Site } from '../api/types';

export interface FieldChange {
  field: keyof Site;
  before: string;
  after: string;
}

export type Formatter = (field: keyof Site, value: unknown) => string;

// Bookkeeping that changes with every edit and says nothing to a reader.
const IGNORED = new Set<keyof Site>([
  'id',
  'version',
  'created_at',
  'updated_at',
  'street_name',
  'district_code',
  'district_name',
]);

/** Plain text for a value: arrays joined, null as an empty string. */
export const show: Formatter = (_field, value) => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
};

/** Fields whose value differs between `before` and `after` (every set field for a creation). */
export function diffSites(before: Site | null, after: Site, format: Formatter = show): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof Site)[]) {
    if (IGNORED.has(field)) continue;
    if (before && show(field, before[field]) === show(field, after[field])) continue;
    const a = format(field, after[field]);
    const b = before ? format(field, before[field]) : '';
    if (a !== b) changes.push({ field, before: b, after: a });
  }
  return changes;
}
