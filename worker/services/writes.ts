// A street office's writes of one site: create, change, retire, restore, verify, and the
// site's history. Each use case checks, in the order the API documents, who may write,
// that the record is valid and placed plausibly, and that it is still the version the
// change was based on; it answers the written site or a refusal that routes/site-writes.ts
// turns into its HTTP problem. Every write carries its history row (worker/db/site-writes.ts).
import { mayEdit, type User } from '../auth/user';
import type { InvalidParam } from '../core/invalid-param';
import type { Site } from '../core/site';
import {
  canonicalHours,
  isFar,
  type SiteCreate,
  type SitePatch,
  type SiteValues,
  siteIssues,
  valuesOfCreate,
  valuesOfPatch,
} from '../core/site-input';
import { valuesOf } from '../core/site-values';
import { database } from '../db/client';
import type { ChangeAction } from '../db/schema/changes';
import { type HistoryEntry, siteHistory } from '../db/site-history';
import { createSite, DuplicateExternalId, updateSite } from '../db/site-writes';
import { districtPositions, getSite } from '../db/sites';
import { type StreetNames, streetNames } from '../db/streets';

/** Why a write was refused; nothing was written. */
export type WriteRefusal =
  | { refusal: 'not_found'; id: number }
  /** The user may not change sites of these streets. */
  | { refusal: 'outside'; streets: string[] }
  | { refusal: 'unknown_street'; code: string }
  /** Rules that span fields (kind-specific fields, opening hours) are broken. */
  | { refusal: 'invalid'; issues: InvalidParam[] }
  /** The position is far from the district's other sites, and that was not confirmed. */
  | { refusal: 'far'; district: string }
  /** Someone changed the site first; `current` is the record now. */
  | { refusal: 'stale'; current: Site }
  | { refusal: 'duplicate_external_id' }
  /** A retired site's status cannot be patched (restore it). */
  | { refusal: 'retired' };

export type Written = { ok: true; site: Site; rows_written: number | null };
export type WriteOutcome = Written | ({ ok: false } & WriteRefusal);

const refuse = (refusal: WriteRefusal): WriteOutcome => ({ ok: false, ...refusal });

const outside = (user: User, ...codes: string[]): WriteRefusal | undefined => {
  const streets = codes.filter((code) => !mayEdit(user, code));
  return streets.length ? { refusal: 'outside', streets } : undefined;
};

/** The street's names as the site already shows them (no read). */
const namesOf = (site: Site): StreetNames | null =>
  site.street_name === null ? null : { name: site.street_name, district_name: site.district_name ?? '' };

/** A site refused unless it exists and the user may change it. */
async function editable(d1: D1Database, user: User, id: number): Promise<Site | WriteRefusal> {
  const site = await getSite(database(d1), id);
  if (!site) return { refusal: 'not_found', id };
  return outside(user, site.street_code) ?? site;
}
const isRefusal = (x: Site | WriteRefusal): x is WriteRefusal => 'refusal' in x;

/** Whether a position needs confirming: far from the district's other live sites (`exceptId` aside). */
async function farOff(
  d1: D1Database,
  values: SiteValues,
  confirmed: boolean | undefined,
  exceptId = 0,
): Promise<WriteRefusal | undefined> {
  if (confirmed) return undefined;
  const district = values.street_code.slice(0, 6);
  return isFar(values, await districtPositions(d1, district, exceptId)) ? { refusal: 'far', district } : undefined;
}

const invalid = (values: SiteValues): WriteRefusal | undefined => {
  const issues = siteIssues(values);
  return issues.length ? { refusal: 'invalid', issues } : undefined;
};

/** Writes `values` over `current` with a history row of `action`; stale when someone changed it first. */
async function write(
  d1: D1Database,
  user: User,
  action: ChangeAction,
  current: Site,
  values: SiteValues,
  street: StreetNames | null,
): Promise<WriteOutcome> {
  try {
    const result = await updateSite(d1, user.username, action, current, values, street);
    if (result.ok) return { ok: true, site: result.site, rows_written: result.rows_written };
  } catch (err) {
    if (err instanceof DuplicateExternalId) return refuse({ refusal: 'duplicate_external_id' });
    throw err;
  }
  const now = await getSite(database(d1), current.id);
  return refuse(now ? { refusal: 'stale', current: now } : { refusal: 'not_found', id: current.id });
}

/** Creates a site; entering it counts as verifying it. */
export async function createSiteFor(d1: D1Database, user: User, input: SiteCreate): Promise<WriteOutcome> {
  const refused = outside(user, input.street_code);
  if (refused) return refuse(refused);
  const street = await streetNames(d1, input.street_code);
  if (!street) return refuse({ refusal: 'unknown_street', code: input.street_code });
  // The office entering a site has just checked it: that is a verification.
  const values = { ...valuesOfCreate(input), verified_at: new Date().toISOString() };
  const problem = invalid(values) ?? (await farOff(d1, values, input.confirm_far));
  if (problem) return refuse(problem);
  try {
    const created = await createSite(d1, user.username, canonicalHours(values), street);
    return { ok: true, site: created.site, rows_written: created.rows_written };
  } catch (err) {
    if (err instanceof DuplicateExternalId) return refuse({ refusal: 'duplicate_external_id' });
    throw err;
  }
}

/** Changes some fields of a site at the version the patch was based on; editing counts as verifying. */
export async function patchSite(d1: D1Database, user: User, id: number, patch: SitePatch): Promise<WriteOutcome> {
  const current = await editable(d1, user, id);
  if (isRefusal(current)) return refuse(current);
  // An office editing a site confirms the record as it saves it: a verification too.
  const values = { ...valuesOfPatch(valuesOf(current), patch), verified_at: new Date().toISOString() };
  const moveOut = outside(user, values.street_code);
  if (moveOut) return refuse(moveOut);
  if (patch.version !== current.version) return refuse({ refusal: 'stale', current });
  if (current.status === 'retired' && patch.status !== undefined) return refuse({ refusal: 'retired' });
  const street =
    values.street_code === current.street_code && current.street_name !== null
      ? namesOf(current)
      : await streetNames(d1, values.street_code);
  if (!street) return refuse({ refusal: 'unknown_street', code: values.street_code });
  const moved = values.lat !== current.lat || values.lng !== current.lng || values.street_code !== current.street_code;
  const problem = invalid(values) ?? (moved ? await farOff(d1, values, patch.confirm_far, id) : undefined);
  if (problem) return refuse(problem);
  return write(d1, user, 'update', current, canonicalHours(values), street);
}

/** The status changes and verification: no body, based on the record as read; null when nothing changes. */
const STATUS_CHANGES = {
  retire: (s: Site): SiteValues | null => (s.status === 'retired' ? null : { ...valuesOf(s), status: 'retired' }),
  restore: (s: Site): SiteValues | null => (s.status === 'retired' ? { ...valuesOf(s), status: 'open' } : null),
  verify: (s: Site): SiteValues | null => ({ ...valuesOf(s), verified_at: new Date().toISOString() }),
} as const;

/** Retires, restores or verifies a site; a site already in that state is answered as it is (nothing written). */
export async function changeStatus(
  d1: D1Database,
  user: User,
  id: number,
  action: keyof typeof STATUS_CHANGES,
): Promise<WriteOutcome> {
  const current = await editable(d1, user, id);
  if (isRefusal(current)) return refuse(current);
  const values = STATUS_CHANGES[action](current);
  if (!values) return { ok: true, site: current, rows_written: null };
  return write(d1, user, action, current, values, namesOf(current));
}

/** Every change of a site, newest first, for a user who may change it. */
export async function historyOf(
  d1: D1Database,
  user: User,
  id: number,
): Promise<{ ok: true; history: HistoryEntry[] } | ({ ok: false } & WriteRefusal)> {
  const current = await editable(d1, user, id);
  if (isRefusal(current)) return { ok: false, ...current };
  return { ok: true, history: await siteHistory(d1, id) };
}
