// A site's stored values and its API record: the record a set of values makes (as the
// history stores it), the values of a record, and which of them a change touches.
import type { Site } from './site';
import { SITE_VALUE_KEYS, type SiteValues } from './site-input';

/** The API shape of a record, as the history stores it. */
export function siteOf(
  values: SiteValues,
  meta: Pick<Site, 'id' | 'created_at' | 'updated_at' | 'version'>,
  street: { name: string; district_name: string } | null,
): Site {
  return {
    id: meta.id,
    ...values,
    street_name: street?.name ?? null,
    district_code: values.street_code.slice(0, 6),
    district_name: street?.district_name ?? null,
    created_at: meta.created_at,
    updated_at: meta.updated_at,
    version: meta.version,
  };
}

export const valuesOf = (site: Site): SiteValues =>
  Object.fromEntries(SITE_VALUE_KEYS.map((k) => [k, site[k]])) as SiteValues;

/** The columns whose value differs between two records (arrays compared as JSON). */
export const changedKeys = (before: SiteValues, after: SiteValues): (keyof SiteValues)[] =>
  SITE_VALUE_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
