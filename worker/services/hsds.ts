// The HSDS interface's lookups by id: HSDS ids are UUID v5 of a site or organization
// (worker/hsds/ids.ts), which cannot be inverted, so the live records' ids are
// recomputed and matched. Read through worker/db/hsds.ts, mapped by worker/hsds/records.ts.
import { type HsdsQuery, hsdsOrganizations, hsdsSite, liveSiteIds } from '../db/hsds';
import { type HsdsSite, hsdsOrganization } from '../hsds/records';

/** The live site an HSDS id of one kind names (`idOf` gives a site's id of that kind). */
export async function siteByHsdsId(
  d1: D1Database,
  id: string,
  idOf: (siteId: number) => string,
): Promise<HsdsSite | undefined> {
  const siteId = (await liveSiteIds(d1)).find((s) => idOf(s) === id);
  return siteId === undefined ? undefined : hsdsSite(d1, siteId);
}

/** The organization an HSDS id names, as a provider filter ('none' when no live site names it). */
export async function providerByHsdsId(d1: D1Database, id: string): Promise<NonNullable<HsdsQuery['provider']>> {
  return (await hsdsOrganizations(d1, {})).find((o) => hsdsOrganization(o).id === id) ?? 'none';
}

/** The organization record an HSDS id names, or undefined. */
export async function organizationByHsdsId(d1: D1Database, id: string) {
  return (await hsdsOrganizations(d1, {})).map(hsdsOrganization).find((o) => o.id === id);
}
