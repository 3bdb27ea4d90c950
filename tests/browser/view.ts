// What the page's map shows, computed from the URL and the map's size the way Leaflet
// draws it, so a test can say which sites are in view without asking the page.
import type { Page } from 'playwright-core';
import { type Bbox, inBbox, viewBox } from '../../web/src/view-box';
import { type ApiSite, apiNearby, query } from './map-page';

export async function mapBox(page: Page): Promise<Bbox> {
  const [w, h] = await page.$eval('#map', (el) => [el.clientWidth, el.clientHeight]);
  const q = query(page);
  return viewBox({ lat: Number(q.get('lat')), lng: Number(q.get('lng')) }, Number(q.get('z')), w!, h!);
}

/** The API's nearest sites to `from` that lie in the page's map view, nearest first. */
export async function apiInView(
  page: Page,
  from: { lat: number; lng: number },
  filters: Record<string, string> = {},
  limit = 20,
): Promise<ApiSite[]> {
  const box = await mapBox(page);
  const all = await apiNearby({ lat: from.lat, lng: from.lng, limit: 100, radius_m: 5000, ...filters });
  return all.filter((s) => inBbox(box, s)).slice(0, limit);
}
