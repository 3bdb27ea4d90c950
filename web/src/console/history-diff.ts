// What one change did to a site, field by field, for the history view. Pure.
import type { Site } from './types';

export interface FieldChange {
  field: keyof Site;
  before: string;
  after: string;
}

// Bookkeeping that changes with every edit and says nothing to a reader.
const IGNORED = new Set<keyof Site>(['id', 'version', 'created_at', 'updated_at', 'street_name', 'district_code', 'district_name']);

/** Renders one value as plain text: arrays joined, null as an empty string. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** Fields whose value differs between `before` and `after` (all set fields for a creation). */
export function diffSites(before: Site | null, after: Site): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof Site)[]) {
    if (IGNORED.has(field)) continue;
    const a = show(after[field]);
    const b = before ? show(before[field]) : '';
    if (a !== b) changes.push({ field, before: b, after: a });
  }
  return changes;
}
