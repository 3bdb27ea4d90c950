// The map base linli ships itself, drawn under the tiles (in panes below Leaflet's tile
// pane) once tiles fail or are slow: where tiles load they cover it, where they cannot
// (offline, blocked, slow) the map still shows Beijing's districts with their names and,
// closer in, the township units whose positions are known. The public map and the console's picker both use it.
// The data (~25 KB gzipped) is its own chunk, loaded only then, never from the network
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
function loadBaseData(): Promise<BaseData> {
  data ??= import('./beijing.json').then((m) => m.default as BaseData);
  return data;
}

/** Draws the shipped base under `map`'s tiles; resolves once it is drawn. */
interface Name {
  key: string;
  kind: 'district' | 'street';
  lat: number;
  lng: number;
  text: string;
}

/**
 * Place names as plain positioned elements, kept from one redraw to the next: unlike
 * markers they are not sites, and unlike tooltips they never measure themselves (a forced
 * layout per name per move). Hidden while a zoom animates, placed again when it ends.
 */
class NameLayer extends L.Layer {
  private readonly root = L.DomUtil.create('div', 'base-labels leaflet-zoom-hide');
  private readonly shown = new Map<string, HTMLElement>();

  constructor(private readonly wanted: () => Name[]) {
    super({ pane: DEFAULTS.labelPane });
  }

  override onAdd(map: L.Map): this {
    map.getPane(DEFAULTS.labelPane)!.append(this.root);
    map.on('zoomend moveend viewreset', this.update, this);
    this.update();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('zoomend moveend viewreset', this.update, this);
    this.root.remove();
    this.shown.clear();
    return this;
  }

  update(): void {
    const map = this._map;
    if (!map) return;
    const gone = new Set(this.shown.keys());
    for (const n of this.wanted()) {
      let el = this.shown.get(n.key);
      if (!el) {
        el = L.DomUtil.create('div', `base-label ${n.kind}`, this.root);
        el.append(document.createElement('span'));
        this.shown.set(n.key, el);
      }
      const span = el.firstElementChild!;
      if (span.textContent !== n.text) span.textContent = n.text; // text, never HTML
      L.DomUtil.setPosition(el, map.latLngToLayerPoint([n.lat, n.lng]));
      gone.delete(n.key);
    }
    for (const key of gone) {
      this.shown.get(key)!.remove();
      this.shown.delete(key);
    }
  }
}

export async function addFallbackBase(map: L.Map): Promise<void> {
  for (const [name, z] of [
    [DEFAULTS.areaPane, '150'],
    [DEFAULTS.labelPane, '160'],
  ] as const) {
    const pane = map.getPane(name) ?? map.createPane(name);
    pane.style.zIndex = z;
    pane.style.pointerEvents = 'none';
    // Place names under the tiles duplicate what the tiles say; screen readers use the list.
    pane.setAttribute('aria-hidden', 'true');
  }
  const base = await loadBaseData();
  const names = new NameLayer(() => {
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.2);
    const english = lang() === 'en';
    const wanted: Name[] = [];
    if (zoom <= DEFAULTS.districtLabelsUpTo) {
      for (const d of base.districts)
        wanted.push({
          key: d.code,
          kind: 'district',
          lat: d.label.lat,
          lng: d.label.lng,
          text: english && d.name_en ? d.name_en : d.name,
        });
    }
    if (zoom >= DEFAULTS.streetLabelsFrom) {
      for (const s of base.streets)
        if (view.contains([s.lat, s.lng]))
          wanted.push({ key: s.code, kind: 'street', lat: s.lat, lng: s.lng, text: s.name });
    }
    return wanted;
  });
  names.addTo(map);
  // Names follow the page's language (i18n sets <html lang>); stop with the map.
  const languages = new MutationObserver(() => names.update());
  languages.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  map.on('unload', () => languages.disconnect());

  const renderer = L.svg({ pane: DEFAULTS.areaPane });
  // One district per task, when the page is idle: the outlines (~4,700 points) never hold
  // the main thread long while the page starts, and the sites are drawn first.
  for (const d of base.districts) {
    await idle();
    const latlngs = d.polygons.map((rings) => rings.map((r) => r.map(([lng, lat]) => L.latLng(lat!, lng!))));
    L.polygon(latlngs, {
      renderer,
      pane: DEFAULTS.areaPane,
      interactive: false,
      className: `base-district district-${d.code}`,
    }).addTo(map);
  }
}
