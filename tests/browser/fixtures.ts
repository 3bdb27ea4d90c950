// Sites the browser tests add to the seeded database, so every behaviour under test has
// something to act on whatever the seed files hold. All are labelled `sample`.
import type { SiteSeed } from '../../seeds/site-seed';

/** Where the rider of the tests stands: Jinsong, Chaoyang (劲松). */
export const RIDER = { lat: 39.8839, lng: 116.457 } as const;

/** A name that would run script if it were ever inserted as HTML. */
export const XSS_NAME = '<img src=x onerror=alert(1)>';

/** Opening hours that are closed right now in Beijing: a two-hour window 3+ hours from now. */
export function closedNowHours(now = new Date()): string {
  const beijingHour = (now.getUTCHours() + 8) % 24;
  let start = (beijingHour + 3) % 24;
  // Keep the window inside one day (22:00-24:00 would wrap); 3 more hours still misses now.
  if (start > 21) start = (start + 3) % 24;
  const pad = (h: number) => String(h).padStart(2, '0');
  return `Mo-Su ${pad(start)}:00-${pad(start + 2)}:00`;
}

/**
 * Enough extra sites (parks in Miyun, far from the rider) that a view of all Beijing holds
 * more than the API sends one by one, so the map gets the server's clusters.
 */
export const BULK_SITES = 200;

function bulkSites(): SiteSeed[] {
  return Array.from({ length: BULK_SITES }, (_, i) => ({
    external_id: `test:bulk-${i}`,
    kind: 'park' as const,
    name: `测试：密云批量公园 ${i + 1}`,
    street_code: '110118001',
    lat: 40.32 + Math.floor(i / 20) * 0.01,
    lng: 116.78 + (i % 20) * 0.006,
    coord_precision: 'approximate' as const,
    opening_hours: '06:00-21:00',
    source: 'sample' as const,
  }));
}

export function fixtureSites(now = new Date()): SiteSeed[] {
  return [
    ...bulkSites(),
    {
      external_id: 'test:battery-swap-station',
      kind: 'rest_station',
      name: '测试：劲松换电驿站',
      name_en: 'Test: Jinsong battery-swap station',
      address: '北京市朝阳区劲松三区',
      street_code: '110105017',
      lat: 39.8861,
      lng: 116.4601,
      coord_precision: 'surveyed',
      phones: ['010-67712345'],
      opening_hours: '24/7',
      amenities: ['battery_swap', 'charging', 'drinking_water'],
      source: 'sample',
      verified_at: new Date(now.getTime() - 90 * 86_400_000).toISOString(),
    },
    {
      external_id: 'test:closed-now-station',
      kind: 'rest_station',
      name: '测试：劲松夜间关闭驿站',
      street_code: '110105017',
      lat: 39.8825,
      lng: 116.4552,
      coord_precision: 'approximate',
      opening_hours: closedNowHours(now),
      amenities: ['toilet', 'drinking_water'],
      source: 'sample',
    },
    {
      external_id: 'test:xss-name',
      kind: 'rest_station',
      name: XSS_NAME,
      address: '<b>not bold</b>',
      street_code: '110105017',
      lat: 39.887,
      lng: 116.454,
      coord_precision: 'approximate',
      opening_hours: '24/7',
      amenities: ['seating'],
      description: '<script>alert(2)</script>',
      source: 'sample',
    },
    {
      external_id: 'test:elder-care',
      kind: 'elder_care',
      name: '测试：劲松养老服务驿站',
      street_code: '110105017',
      lat: 39.885,
      lng: 116.4585,
      coord_precision: 'approximate',
      opening_hours: '24/7',
      elder_services: ['meals', 'day_care', 'residential', 'medical'],
      accessibility: ['step_free_entrance', 'accessible_toilet', 'handrails'],
      beds: 12,
      source: 'sample',
    },
    {
      external_id: 'test:elder-bathing',
      kind: 'elder_care',
      name: '测试：劲松助浴驿站',
      street_code: '110105017',
      lat: 39.8845,
      lng: 116.456,
      coord_precision: 'approximate',
      opening_hours: '24/7',
      elder_services: ['bathing', 'emotional_support'],
      accessibility: ['wheelchair_loan'],
      source: 'sample',
    },
  ];
}
