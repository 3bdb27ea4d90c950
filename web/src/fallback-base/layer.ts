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
  for (const d of base.districts) {
    const latlngs = d.polygons.map((rings) => rings.map((r) => r.map(([lng, lat]) => L.latLng(lat!, lng!))));
    L.polygon(latlngs, { renderer, pane: DEFAULTS.areaPane, interactive: false, className: `base-district district-${d.code}` }).addTo(map);
  }

  const labels = L.layerGroup().addTo(map);
  const label = (lat: number, lng: number, text: string, kind: 'district' | 'street') => {
    // A zero-size anchor at the point; the CSS centres the name's span on it.
    const icon = L.divIcon({ className: `base-label ${kind}`, html: '<span></span>', iconSize: [0, 0] });
    const marker = L.marker([lat, lng], { icon, pane: DEFAULTS.labelPane, interactive: false, keyboard: false });
    // Text, never HTML.
    marker.on('add', () => { const span = marker.getElement()?.firstElementChild; if (span) span.textContent = text; });
    return marker;
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
