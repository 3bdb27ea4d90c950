// The map base linli ships itself, drawn under the tiles (in panes below Leaflet's tile
// pane): where tiles load they cover it, where they cannot (offline, blocked, slow) the
// map still shows Beijing's districts with their names and, closer in, the township
// units whose positions are known. The public map and the console's picker both use it.
// The data (~25 KB gzipped) is its own chunk, loaded after the map, never from the network
// at large: it is part of the build, so the service worker can keep it.
import L from 'leaflet';
import { lang } from '../i18n';
import './fallback-base.css';
import type { BaseData } from './base-data';

const DEFAULTS = {
  /** Panes under the tiles (Leaflet's tile pane is at z-index 200). */
  areaPane: 'linliBaseAreas',
  labelPane: 'linliBaseLabels',
  /** Zoom from which township names are written; farther out they would cover each other. */
  streetLabelsFrom: 13,
  /** Zoom up to which district names are written; closer in, the townships say where one is. */
  districtLabelsUpTo: 14,
} as const;

/** Resolves when the browser has a moment (at the latest after 500 ms). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 0);
  });
}

let data: Promise<BaseData> | null = null;
/** The base data, imported once per page (a separate chunk of the build). */
export function loadBaseData(): Promise<BaseData> {
  data ??= import('./beijing.json').then((m) => m.default as BaseData);
  return data;
}

/** Draws the shipped base under `map`'s tiles; resolves once it is drawn. */
export async function addFallbackBase(map: L.Map): Promise<void> {
  for (const [name, z] of [[DEFAULTS.areaPane, '150'], [DEFAULTS.labelPane, '160']] as const) {
    const pane = map.getPane(name) ?? map.createPane(name);
    pane.style.zIndex = z;
    pane.style.pointerEvents = 'none';
    // Place names under the tiles duplicate what the tiles say; screen readers use the list.
    pane.setAttribute('aria-hidden', 'true');
  }
  const base = await loadBaseData();
  const renderer = L.svg({ pane: DEFAULTS.areaPane, padding: 0.5 });
  // One district per task, when the page is idle: the outlines (~4,700 points) never hold
  // the main thread long while the page starts, and the sites are drawn first.
  for (const d of base.districts) {
    await idle();
    const latlngs = d.polygons.map((rings) => rings.map((r) => r.map(([lng, lat]) => L.latLng(lat!, lng!))));
    L.polygon(latlngs, { renderer, pane: DEFAULTS.areaPane, interactive: false, className: `base-district district-${d.code}` }).addTo(map);
  }

  const labels = L.layerGroup().addTo(map);
  // Names are permanent tooltips, not markers: markers are the sites (and are named for
  // screen readers); these are decoration under the tiles.
  const label = (lat: number, lng: number, text: string, kind: 'district' | 'street') => {
    const span = document.createElement('span');
    span.textContent = text; // text, never HTML
    return L.tooltip({ permanent: true, direction: 'center', interactive: false, pane: DEFAULTS.labelPane, className: `base-label ${kind}` })
      .setLatLng([lat, lng])
      .setContent(span);
  };
  const redraw = () => {
    labels.clearLayers();
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.2);
    const english = lang() === 'en';
    if (zoom <= DEFAULTS.districtLabelsUpTo) {
      for (const d of base.districts) labels.addLayer(label(d.label.lat, d.label.lng, english && d.name_en ? d.name_en : d.name, 'district'));
    }
    if (zoom >= DEFAULTS.streetLabelsFrom) {
      for (const s of base.streets) if (view.contains([s.lat, s.lng])) labels.addLayer(label(s.lat, s.lng, s.name, 'street'));
    }
  };
  redraw();
  map.on('zoomend moveend', redraw);
  // Names follow the page's language (i18n sets <html lang>); stop with the map.
  const languages = new MutationObserver(redraw);
  languages.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  map.on('unload', () => languages.disconnect());
}
