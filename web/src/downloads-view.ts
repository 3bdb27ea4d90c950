// "Download this list / this view": links to the open-data downloads of exactly what the
// page shows, with its filters (the API's own parameters), and the data's licence beside
// them. A view the map shows as clusters is too full to list: the page says so instead.
import { DATA_LICENCE } from '#core';
import { type Filters, filterParams } from './api/map';
import { h } from './dom';
import { t } from './i18n';
import type { LatLng } from './state';

export interface DownloadScope {
  /** The list: its origin, how many sites it shows and how far the farthest is (m). */
  list: { at: LatLng; count: number; farthestM: number } | null;
  /** The map view: minLng, minLat, maxLng, maxLat, its zoom, and whether it is clustered. */
  view: { bbox: readonly [number, number, number, number]; zoom: number; clustered: boolean };
  filters: Filters;
}

const API = '/api/v1/sites';

/** The query of the nearby download that answers the list's sites: its origin, count and reach. */
function listQuery(scope: DownloadScope): URLSearchParams | null {
  if (!scope.list || scope.list.count === 0) return null;
  const q = new URLSearchParams({
    lat: scope.list.at.lat.toFixed(6),
    lng: scope.list.at.lng.toFixed(6),
    limit: String(Math.min(100, scope.list.count)),
    radius_m: String(Math.min(50_000, Math.max(1, Math.ceil(scope.list.farthestM) + 1))),
  });
  filterParams(q, scope.filters);
  return q;
}

function viewQuery(scope: DownloadScope): URLSearchParams {
  const q = new URLSearchParams({
    bbox: scope.view.bbox.map((x) => x.toFixed(5)).join(','),
    zoom: String(scope.view.zoom),
  });
  filterParams(q, scope.filters);
  return q;
}

const links = (what: string, path: string, q: URLSearchParams) => [
  h('a', { href: `${API}/${path}.csv?${q}`, download: '', 'data-format': 'csv', 'data-scope': what }, 'CSV'),
  ' · ',
  h(
    'a',
    { href: `${API}/${path}.geojson?${q}`, download: '', 'data-format': 'geojson', 'data-scope': what },
    'GeoJSON',
  ),
];

export function downloadsView(scope: DownloadScope): Node[] {
  const s = t();
  const list = listQuery(scope);
  const zh = document.documentElement.lang.startsWith('zh');
  const parts: (HTMLElement | null)[] = [
    h('h3', { id: 'downloads-title' }, s.downloads, h('small', {}, ` ${s.downloadsFiltered}`)),
    list ? h('p', { class: 'download list' }, `${s.downloadList}：`, ...links('list', 'nearby', list)) : null,
    scope.view.clustered
      ? h('p', { class: 'download view' }, s.downloadViewTooFull)
      : h('p', { class: 'download view' }, `${s.downloadView}：`, ...links('view', 'view', viewQuery(scope))),
    h(
      'p',
      { class: 'licence' },
      s.dataLicence('CC BY 4.0', zh ? s.licenceAttribution : DATA_LICENCE.attribution),
      ' ',
      h('a', { href: DATA_LICENCE.url, rel: 'license noopener', target: '_blank' }, DATA_LICENCE.name),
    ),
  ];
  return parts.filter((n): n is HTMLElement => n !== null);
}
