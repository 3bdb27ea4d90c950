// The Leaflet map: the basemap (tiles over the base linli ships, with a judgement of
// whether tiles load), the view's sites and the server's clusters grouped on the device by
// one supercluster index (./map-clusters.ts), the person's position, and a one-shot "pick
// a point" mode. It reports moves, selections and picks; it fetches nothing. Markers are
// not Tab stops one by one: the list is the keyboard path, and the map itself is one stop
// (arrows pan, +/- zoom).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { KINDS } from '#core';
import type { MapData } from './api/map';
import type { MapSite } from './api/types';
import { addBasemap } from './basemap';
import { h } from './dom';
import { label, lang, nameOf, t } from './i18n';
import { icon } from './icons';
import { MapClusters, type MapItem } from './map-clusters';
import { type LatLng, MAX_ZOOM, MIN_ZOOM } from './state';

/**
 * Markers are drawn for the view only (no margin), as leaflet.markercluster did on phones:
 * fewer elements to lay out, and every pan redraws when it ends.
 */
const DRAW_PAD = 0;

export interface MapViewEvents {
  /** The view settled (after a pan or zoom). */
  moved(view: { lat: number; lng: number; zoom: number; bbox: [number, number, number, number] }): void;
  select(siteId: number): void;
  picked(point: LatLng): void;
  basemap(available: boolean): void;
}

export class MapView {
  private readonly map: L.Map;
  /** The markers and bubbles drawn now, by what they show: a redraw keeps those still wanted. */
  private readonly drawn = L.layerGroup();
  private drawnByKey = new Map<string, Drawn>();
  private readonly clusters = new MapClusters();
  /** Sites drawn on their own whatever the view holds (the open one). */
  private extra: readonly MapSite[] = [];
  private readonly markers = new Map<number, L.Marker>();
  private here: L.CircleMarker | null = null;
  private selected: number | null = null;
  private picking = false;
  /** Undefined while neither a tile has loaded nor enough have failed. */
  private basemapOk: boolean | undefined;

  constructor(
    element: HTMLElement,
    view: { lat: number; lng: number; zoom: number },
    private readonly on: MapViewEvents,
  ) {
    // The credit line comes with the tiles (addBasemap), whole: one that grew after it was drawn would shift.
    this.map = L.map(element, {
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      zoomControl: true,
      keyboard: true,
      attributionControl: false,
    }).setView([view.lat, view.lng], view.zoom);
    this.drawn.addTo(this.map);
    // Regroup for the new zoom and bounds at once, before the new view's data arrives.
    this.map.on('moveend', () => this.draw());
    this.map.on('moveend', () => this.on.moved(this.view()));
    this.map.on('click', (e: L.LeafletMouseEvent) => {
      if (this.picking) this.pickAt({ lat: e.latlng.lat, lng: e.latlng.lng });
    });
  }

  /**
   * Adds the tiles (and the base linli ships, when they fail): apart from the constructor,
   * so that creating the map and starting its tiles are two tasks on a slow phone.
   */
  addBasemap(): void {
    this.map.attributionControl = L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' });
    addBasemap(this.map, MAX_ZOOM, (ok) => this.setBasemap(ok));
    this.map.attributionControl.addTo(this.map);
  }

  view() {
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    const bbox: [number, number, number, number] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    return { lat: c.lat, lng: c.lng, zoom: this.map.getZoom(), bbox };
  }

  setView(p: LatLng, zoom?: number): void {
    this.map.setView([p.lat, p.lng], zoom ?? this.map.getZoom());
  }

  /** Re-measures the container (after the layout around the map changed). */
  resize(): void {
    this.map.invalidateSize();
  }

  /** Whether the basemap works: undefined while that is not known yet. */
  basemapAvailable(): boolean | undefined {
    return this.basemapOk;
  }

  private setBasemap(ok: boolean): void {
    this.basemapOk = ok;
    this.on.basemap(ok);
  }

  /** Replaces the markers with the sites or server clusters of the current view; `extra` sites are never grouped. */
  show(data: MapData, extra: readonly MapSite[] = []): void {
    this.extra = extra;
    this.clusters.load(data.features, new Set(extra.map((s) => s.id)));
    this.draw();
  }

  /**
   * Draws the groups of the current zoom in (a little more than) the view. Markers that
   * show the same thing as before are kept, so the redraw after a move and the one when
   * the view's data arrives only touch what changed.
   */
  private draw(): void {
    const b = this.map.getBounds().pad(DRAW_PAD);
    const items = this.clusters.items([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], this.map.getZoom());
    const next = new Map<string, Drawn>();
    const keep = (key: string, make: () => Drawn, bubble?: ClusterItem) => {
      const old = this.drawnByKey.get(key);
      const d = old ?? make();
      if (bubble) d.bubble = bubble; // the index changed: a tap must ask the new one
      if (old) this.drawnByKey.delete(key);
      else this.drawn.addLayer(d.marker);
      next.set(key, d);
    };
    for (const item of items) {
      if (item.type === 'site')
        keep(siteKey('s', item.site), () => ({ marker: this.siteMarker(item.site), siteId: item.site.id }));
      else
        keep(`c:${lang()}:${item.lat},${item.lng}:${item.count}:${item.server}`, () => this.clusterBubble(item), item);
    }
    for (const s of this.extra) keep(siteKey('x', s), () => ({ marker: this.siteMarker(s), siteId: s.id }));
    for (const gone of this.drawnByKey.values()) this.drawn.removeLayer(gone.marker);
    this.drawnByKey = next;
    this.markers.clear();
    for (const d of next.values()) if (d.siteId !== undefined) this.markers.set(d.siteId, d.marker);
    this.highlight(this.selected);
  }

  private siteMarker(s: MapSite): L.Marker {
    const kind = label(KINDS, s.kind);
    const name = t().siteMarker(nameOf(s), kind);
    const marker = L.marker([s.lat, s.lng], {
      title: name,
      keyboard: false,
      icon: L.divIcon({
        className: `site-marker kind-${s.kind}${s.open_now === false ? ' closed' : ''}`,
        // Elements, not HTML strings: Leaflet would run the HTML parser once per marker.
        html: h('span', { 'aria-hidden': 'true' }, icon(s.kind)),
        iconSize: L.point(36, 36),
        iconAnchor: L.point(18, 18),
      }),
    });
    // A DOM node, not a string: Leaflet would insert a string as HTML.
    marker.bindTooltip(h('span', {}, nameOf(s)), { direction: 'top', offset: L.point(0, -16) });
    marker.on('click', () => {
      // While picking, a tap on a marker still means "I am here".
      if (this.picking) this.pickAt({ lat: s.lat, lng: s.lng });
      else this.on.select(s.id);
    });
    marker.on('add', () => named(marker, name));
    return marker;
  }

  private clusterBubble(c: ClusterItem): Drawn {
    const text = t().clusterLabel(c.count);
    const marker = L.marker([c.lat, c.lng], {
      title: text,
      keyboard: false,
      icon: L.divIcon({
        className: `cluster-bubble${c.server ? ' server' : ''}`,
        html: h('span', {}, String(c.count)),
        iconSize: L.point(48, 48),
      }),
    });
    const drawn: Drawn = { marker, bubble: c };
    marker.on('add', () => named(marker, text));
    marker.on('click', () => this.zoomInto(drawn.bubble!));
    return drawn;
  }

  /** Zooms to where a bubble's sites (or its server tiles) lie, and always at least one level closer. */
  private zoomInto(c: ClusterItem): void {
    const e = c.extent();
    const closer = this.map.getZoom() + 1;
    if (e.south > e.north) {
      this.map.setView([c.lat, c.lng], Math.min(closer, MAX_ZOOM));
      return;
    }
    const bounds = L.latLngBounds([e.south, e.west], [e.north, e.east]);
    this.map.setView(bounds.getCenter(), Math.min(MAX_ZOOM, Math.max(closer, this.map.getBoundsZoom(bounds))));
  }

  /**
   * Marks one site as selected (or none). With `show`, a site grouped into a bubble is
   * uncovered (zooming in to where it stands alone); redraws re-apply the mark.
   */
  highlight(id: number | null, show = false): void {
    if (this.selected !== null) this.markers.get(this.selected)?.getElement()?.classList.remove('selected');
    this.selected = id;
    if (id === null) return;
    const marker = this.markers.get(id);
    if (marker) {
      marker.getElement()?.classList.add('selected');
      return;
    }
    const alone = show ? this.clusters.zoomShowing(id, this.map.getZoom()) : null;
    if (alone) this.map.setView([alone.lat, alone.lng], Math.min(alone.zoom, MAX_ZOOM));
  }

  /** Brings a site into view without changing the zoom level unless it has to. */
  reveal(p: LatLng): void {
    if (!this.map.getBounds().pad(-0.1).contains([p.lat, p.lng])) this.map.panTo([p.lat, p.lng]);
  }

  setHere(p: LatLng | null): void {
    this.here?.remove();
    this.here = p
      ? L.circleMarker([p.lat, p.lng], {
          radius: 9,
          color: '#fff',
          weight: 3,
          fillColor: '#1a56db',
          fillOpacity: 1,
          interactive: false,
        }).addTo(this.map)
      : null;
  }

  private pickAt(p: LatLng): void {
    this.stopPicking();
    this.on.picked(p);
  }

  startPicking(): void {
    this.picking = true;
    this.map.getContainer().classList.add('picking');
  }

  stopPicking(): void {
    this.picking = false;
    this.map.getContainer().classList.remove('picking');
  }
}

type ClusterItem = Extract<MapItem, { type: 'cluster' }>;

/** A marker on the map and what it stands for. */
interface Drawn {
  marker: L.Marker;
  siteId?: number;
  /** For a bubble: the group it shows, in the current index. */
  bubble?: ClusterItem;
}

/** What a site marker shows, in which language; a change (e.g. it closed) draws it anew. */
const siteKey = (prefix: string, s: MapSite) =>
  `${prefix}:${lang()}:${s.id}:${s.kind}:${s.open_now}:${s.name}:${s.name_en ?? ''}:${s.lat},${s.lng}`;

/**
 * Names a marker for screen readers without making it a Tab stop: an image with a label
 * (a role is needed for aria-label to count; "button" would promise keyboard use).
 */
function named(marker: L.Marker, text: string): void {
  const el = marker.getElement();
  if (!el) return;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', text);
}
