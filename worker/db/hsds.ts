// Reading the live sites and the organizations derived from them for the HSDS API
// (worker/hsds/ maps them to HSDS records).
// Retired sites are never published; organizations exist while they have a live site.
import { and, asc, count, eq, gte, ne, or, type SQL, sql } from 'drizzle-orm';
import { type HsdsSite, type OrganizationSource, streetOfficeName } from '../hsds/records';
import { database } from './client';
import { sites, streets } from './schema';
import { toSite } from './sites';

type Reader = D1Database | D1DatabaseSession;

export interface HsdsQuery {
  /** Case-insensitive substring of the names, address, description or operator. */
  search?: string;
  /** Only records changed at or after this instant (ISO 8601, UTC). */
  modifiedAfter?: string;
  /** Include retired sites too (services marked defunct), so that a sync learns of retirements. */
  withRetired?: boolean;
  /** Only the services this organization provides (its operator, or the street office where none is named). */
  provider?: Pick<OrganizationSource, 'type' | 'key'> | 'none';
}

const noOperator = sql`trim(coalesce(${sites.operator}, '')) = ''`;

function providerFilter(provider: HsdsQuery['provider']): SQL | undefined {
  if (provider === undefined) return undefined;
  if (provider === 'none') return sql`0`;
  return provider.type === 'operator'
    ? sql`trim(${sites.operator}) = ${provider.key}`
    : and(eq(sites.street_code, provider.key), noOperator);
}

/** A page of at most `size` records from offset `offset`; absent means every record (ndjson export). */
export interface Window {
  offset: number;
  size: number;
}

const pattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const likeEscaped = (column: SQL | typeof sites.name, text: string) => sql`${column} LIKE ${pattern(text)} ESCAPE '\\'`;

function siteFilter(q: HsdsQuery): SQL | undefined {
  const search = q.search?.trim();
  return and(
    q.withRetired ? undefined : ne(sites.status, 'retired'),
    search
      ? or(
          likeEscaped(sites.name, search),
          likeEscaped(sql`${sites.name_en}`, search),
          likeEscaped(sql`${sites.address}`, search),
          likeEscaped(sql`${sites.description}`, search),
          likeEscaped(sql`${sites.operator}`, search),
        )
      : undefined,
    q.modifiedAfter ? gte(sites.updated_at, q.modifiedAfter) : undefined,
    providerFilter(q.provider),
  );
}

/** Sites with what their HSDS records show of their street: its names, the city and province. */
const siteRows = (db: ReturnType<typeof database>) =>
  db
    .select({
      site: sites,
      street: { name: streets.name, district_name: streets.district_name },
      city_name: streets.city_name,
      province_name: streets.province_name,
    })
    .from(sites)
    .leftJoin(streets, eq(streets.code, sites.street_code));

type SiteRow = Awaited<ReturnType<typeof siteRows>>[number];
const hsdsSiteOf = (r: SiteRow): HsdsSite => ({
  ...toSite(r.site, r.street),
  city_name: r.city_name,
  province_name: r.province_name,
});

/** The live sites matching the query, by id, with the total count. */
export async function hsdsSites(
  d1: Reader,
  q: HsdsQuery,
  window?: Window,
): Promise<{ total: number; items: HsdsSite[] }> {
  const db = database(d1);
  const where = siteFilter(q);
  // Two statements side by side, not one db.batch: drizzle's D1 batch reads rows as objects,
  // so the joined street's `name` would overwrite the site's.
  const [rows, [counted]] = await Promise.all([
    // LIMIT -1 is SQLite's "no limit": every record, for the ndjson export.
    siteRows(db)
      .where(where)
      .orderBy(asc(sites.id))
      .limit(window?.size ?? -1)
      .offset(window?.offset ?? 0),
    db.select({ n: count() }).from(sites).where(where),
  ]);
  return { total: counted?.n ?? 0, items: rows.map(hsdsSiteOf) };
}

/** One live site by id, or undefined. */
export async function hsdsSite(d1: Reader, id: number): Promise<HsdsSite | undefined> {
  const [r] = await siteRows(database(d1))
    .where(and(eq(sites.id, id), ne(sites.status, 'retired')))
    .limit(1);
  return r && hsdsSiteOf(r);
}

/** The ids of every live site (to resolve an HSDS UUID back to its site). */
export async function liveSiteIds(d1: Reader): Promise<number[]> {
  const rows = await database(d1).select({ id: sites.id }).from(sites).where(ne(sites.status, 'retired'));
  return rows.map((r) => r.id);
}

/**
 * The street offices and operators of the live sites, by type then name, filtered by
 * the query (search on the name; modified_after on their newest site).
 */
export async function hsdsOrganizations(d1: Reader, q: HsdsQuery): Promise<OrganizationSource[]> {
  const db = database(d1);
  const live = ne(sites.status, 'retired');
  const [offices, operators] = await Promise.all([
    db
      .select({
        key: sites.street_code,
        street_name: streets.name,
        district_name: streets.district_name,
        sites: count(),
        last_modified: sql<string>`max(${sites.updated_at})`,
      })
      .from(sites)
      .leftJoin(streets, eq(streets.code, sites.street_code))
      .where(live)
      .groupBy(sites.street_code),
    db
      .select({
        key: sql<string>`trim(${sites.operator})`,
        sites: count(),
        last_modified: sql<string>`max(${sites.updated_at})`,
      })
      .from(sites)
      .where(and(live, sql`NOT ${noOperator}`))
      .groupBy(sql`trim(${sites.operator})`),
  ]);
  const all: OrganizationSource[] = [
    ...offices.map((o) => ({
      type: 'street_office' as const,
      key: o.key,
      name: streetOfficeName(o.street_name ?? o.key),
      street_name: o.street_name,
      district_name: o.district_name,
      sites: o.sites,
      last_modified: o.last_modified,
    })),
    ...operators.map((o) => ({
      type: 'operator' as const,
      key: o.key,
      name: o.key,
      street_name: null,
      district_name: null,
      sites: o.sites,
      last_modified: o.last_modified,
    })),
  ];
  const search = q.search?.trim().toLowerCase();
  return all
    .filter((o) => !search || o.name.toLowerCase().includes(search))
    .filter((o) => !q.modifiedAfter || o.last_modified >= q.modifiedAfter)
    .sort((a, b) => a.type.localeCompare(b.type) * -1 || a.key.localeCompare(b.key));
}
