// The Leaflet map: basemap tiles (with a count of failures), site markers clustered on
// the device, the server's clusters as count bubbles, the person's position, and a
// one-shot "pick a point" mode. It reports moves, selections and picks; it fetches nothing.
import L from './leaflet-global';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { unproject } from '../../worker/geo/cell';
import { KINDS } from '../../worker/domain/vocabulary';
import type { MapData, MapSite } from './api';
import { basemapLayer } from './basemap';
import { type MergedCluster, type ServerCluster, mergeClusters } from './cluster-merge';
import { h } from './dom';
import { label, nameOf, t } from './i18n';
import { iconOf } from './icons';
import { MAX_ZOOM, MIN_ZOOM, type LatLng } from './state';

/** Server clusters closer than this on screen (px; bubbles are 48) are drawn as one bubble. */
const CLUSTER_MERGE_PX = 56;

export interface MapViewEvents {
  /** The view settled (after a pan or zoom). */
  moved(view: { lat: number; lng: number; zoom: number; bbox: [number, number, number, number] }): void;
  select(siteId: number): void;
  picked(point: LatLng): void;
  basemap(available: boolean): void;
}

export class MapView {
  private readonly map: L.Map;
  private readonly sites = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 48,
    iconCreateFunction: (cluster) => {
      const n = cluster.getChildCount();
      cluster.options.title = t().clusterLabel(n);
      return L.divIcon({ html: `<span>${n}</span>`, className: 'cluster-bubble', iconSize: L.point(48, 48) });
    },
  });
  private readonly serverClusters = L.layerGroup();
  private readonly markers = new Map<number, L.Marker>();
  private here: L.CircleMarker | null = null;
  private selected: number | null = null;
  private picking = false;
  private basemapOk = true;

  constructor(element: HTMLElement, view: { lat: number; lng: number; zoom: number }, private readonly on: MapViewEvents) {
    this.map = L.map(element, { minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, zoomControl: true, keyboard: true })
      .setView([view.lat, view.lng], view.zoom);
    basemapLayer(MAX_ZOOM, (ok) => this.setBasemap(ok)).addTo(this.map);
    this.sites.addTo(this.map);
    this.serverClusters.addTo(this.map);
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    this.map.on('moveend', () => this.on.moved(this.view()));
    this.map.on('click', (e: L.LeafletMouseEvent) => {
      if (this.picking) this.pickAt({ lat: e.latlng.lat, lng: e.latlng.lng });
    });
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

  basemapAvailable(): boolean {
    return this.basemapOk;
  }

  private setBasemap(ok: boolean): void {
    this.basemapOk = ok;
    this.on.basemap(ok);
  }

  /** Replaces the markers with the sites or server clusters of the current view. */
  show(data: MapData, extra: readonly MapSite[] = []): void {
    this.sites.clearLayers();
    this.serverClusters.clearLayers();
    this.markers.clear();
    const drawn = new Set<number>();
    const clusters: ServerCluster[] = [];
    for (const f of data.features) {
      const [lng, lat] = f.geometry.coordinates;
      const p = f.properties;
      if ('cluster' in p) {
        const { x, y } = this.map.latLngToLayerPoint([lat, lng]);
        clusters.push({ lat, lng, x, y, count: p.count, tile: p.tile });
      } else {
        drawn.add(p.id);
        this.sites.addLayer(this.siteMarker(p));
      }
    }
    for (const c of mergeClusters(clusters, CLUSTER_MERGE_PX)) this.serverClusters.addLayer(this.clusterBubble(c));
    // The open site stays on the map even when the view shows clusters.
    for (const s of extra) if (!drawn.has(s.id)) { drawn.add(s.id); this.sites.addLayer(this.siteMarker(s)); }
    this.highlight(this.selected);
  }

  private siteMarker(s: MapSite): L.Marker {
    const kind = label(KINDS, s.kind);
    const name = t().siteMarker(nameOf(s), kind);
    const marker = L.marker([s.lat, s.lng], {
      title: name,
      alt: name,
      keyboard: true,
      icon: L.divIcon({
        className: `site-marker kind-${s.kind}${s.open_now === false ? ' closed' : ''}`,
        html: `<span aria-hidden="true">${iconOf(s.kind)}</span>`,
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
    marker.on('add', () => marker.getElement()?.setAttribute('aria-label', name));
    this.markers.set(s.id, marker);
    return marker;
  }

  private clusterBubble(c: MergedCluster): L.Marker {
    const text = t().clusterLabel(c.count);
    const marker = L.marker([c.lat, c.lng], {
      title: text,
      keyboard: true,
      icon: L.divIcon({ className: 'cluster-bubble server', html: `<span>${c.count}</span>`, iconSize: L.point(48, 48) }),
    });
    marker.on('add', () => marker.getElement()?.setAttribute('aria-label', text));
    marker.on('click', () => this.zoomInto(c));
    return marker;
  }

  /** Zooms to the tiles of a (merged) server cluster, at least one level closer. */
  private zoomInto(c: MergedCluster): void {
    const bounds = L.latLngBounds([]);
    for (const tile of c.tiles) {
      const [z, x, y] = tile.split('/').map(Number);
      if (z === undefined || x === undefined || y === undefined || ![z, x, y].every(Number.isInteger)) continue;
      const nw = unproject(x, y, z);
      const se = unproject(x + 1, y + 1, z);
      bounds.extend([[se.lat, nw.lng], [nw.lat, se.lng]]);
    }
    const closer = Math.min(this.map.getZoom() + 2, MAX_ZOOM);
    if (!bounds.isValid()) this.map.setView([c.lat, c.lng], closer);
    else this.map.fitBounds(bounds, { maxZoom: Math.max(closer, this.map.getBoundsZoom(bounds)) });
  }

  /**
   * Marks one site as selected (or none). With `show`, a site hidden inside a device
   * cluster is uncovered (zooming in); redraws only re-apply the mark.
   */
  highlight(id: number | null, show = false): void {
    if (this.selected !== null) this.markers.get(this.selected)?.getElement()?.classList.remove('selected');
    this.selected = id;
    if (id === null) return;
    const marker = this.markers.get(id);
    if (!marker) return;
    const mark = () => { if (this.selected === id) marker.getElement()?.classList.add('selected'); };
    if (marker.getElement()) mark();
    else if (show && this.sites.hasLayer(marker)) this.sites.zoomToShowLayer(marker, mark);
    // Unclustering later (on zoom) re-creates the element: mark it then.
    marker.once('add', mark);
  }

  /** Brings a site into view without changing the zoom level unless it has to. */
  reveal(p: LatLng): void {
    if (!this.map.getBounds().pad(-0.1).contains([p.lat, p.lng])) this.map.panTo([p.lat, p.lng]);
  }

  setHere(p: LatLng | null): void {
    this.here?.remove();
    this.here = p
      ? L.circleMarker([p.lat, p.lng], { radius: 9, color: '#fff', weight: 3, fillColor: '#1a56db', fillOpacity: 1, interactive: false })
        .addTo(this.map)
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
