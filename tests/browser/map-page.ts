// The public map page as the tests drive it: what a person sees and taps.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseUrl } from './browser';

export interface ApiSite {
  id: number;
  name: string;
  kind: string;
  lat: number;
  lng: number;
  amenities: string[];
  phones: string[];
  elder_services: string[];
  beds: number | null;
  source: string;
  verified_at: string | null;
  open_now: boolean | null;
  next_change: string | null;
  hours_today: string | null;
  distance_m: number;
}

/** The API's own answer, to compare the page against (never hard-coded results). */
export async function apiNearby(query: Record<string, string | number>): Promise<ApiSite[]> {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${baseUrl()}/api/v1/sites/nearby?${q}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: ApiSite[] };
  return body.data;
}

export async function siteIdByName(name: string, at: { lat: number; lng: number }): Promise<number> {
  const found = (await apiNearby({ lat: at.lat, lng: at.lng, limit: 100 })).find((s) => s.name === name);
  if (!found) throw new Error(`fixture site "${name}" is not in the test database`);
  return found.id;
}

/** Opens the page (path and query relative to the app) and waits for the nearby list to load. */
export async function open(page: Page, path = '/'): Promise<void> {
  await page.goto(`${baseUrl()}${path}`);
  await listSettled(page);
}

export async function listSettled(page: Page): Promise<void> {
  await page.waitForSelector('#list-panel:not([aria-busy])', { state: 'attached' });
}

/** Site ids in the nearby list, top to bottom. */
export function listIds(page: Page): Promise<number[]> {
  return page.$$eval('#list button.site-row', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.siteId)));
}

export function query(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

export async function detailHeading(page: Page): Promise<string> {
  const h = await page.waitForSelector('#detail:not([hidden]) h2');
  return (await h.textContent()) ?? '';
}
