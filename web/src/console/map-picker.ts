// The position picker: a Leaflet map where a click places the marker and dragging it
// adjusts. Everything on this map is WGS-84; conversion happens before a point gets here.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import { addBasemap } from '../basemap';
import { t } from '../i18n/console';
import type { LngLat } from './coords';
import { el } from './dom';

/** Beijing's centre (Tiananmen), when nothing better is known. */
const BEIJING: LngLat = { lng: 116.3975, lat: 39.9087 };
/** Zoom at which a single building can be picked out. */
const PICK_ZOOM = 17;
const OVERVIEW_ZOOM = 14;

// Vite rewrites these imports to hashed asset URLs; Leaflet's own guessing would not find them.
const icon = L.icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

export interface MapPicker {
  /** Moves the marker (and the view) to a WGS-84 point, as if picked. Does not call onPick. */
  show(point: LngLat): void;
  destroy(): void;
}

export function mapPicker(
  container: HTMLElement,
  start: { point: LngLat | null; around: LngLat | null },
  onPick: (point: LngLat) => void,
): MapPicker {
  const host = el('div', { class: 'map-picker', role: 'application', 'aria-label': t().map_label });
  container.append(host);
  const centre = start.point ?? start.around ?? BEIJING;
  const map = L.map(host, { keyboard: true }).setView(
    [centre.lat, centre.lng],
    start.point ? PICK_ZOOM : OVERVIEW_ZOOM,
  );
  // Without tiles the map shows only the base linli ships (districts, street names): say
  // so, and point to the paste box.
  const basemapNote = el('p', { class: 'basemap-note', role: 'status' });
  addBasemap(map, 19, (ok) => {
    basemapNote.textContent = ok ? '' : t().basemap_unavailable;
  });

  let marker: L.Marker | null = null;
  const place = (point: LngLat) => {
    if (marker) marker.setLatLng([point.lat, point.lng]);
    else {
      marker = L.marker([point.lat, point.lng], {
        icon,
        draggable: true,
        keyboard: true,
        title: t().section_position,
        alt: t().section_position,
      }).addTo(map);
      marker.on('dragend', () => {
        const at = marker!.getLatLng();
        onPick({ lng: at.lng, lat: at.lat });
      });
    }
  };
  if (start.point) place(start.point);

  map.on('click', (event: L.LeafletMouseEvent) => {
    const point = { lng: event.latlng.lng, lat: event.latlng.lat };
    place(point);
    onPick(point);
  });

  // Keyboard users: place the marker at the centre of the map after panning with the arrows.
  const centreButton = el('button', { type: 'button', class: 'map-centre' }, t().place_at_centre);
  centreButton.addEventListener('click', () => {
    const at = map.getCenter();
    const point = { lng: at.lng, lat: at.lat };
    place(point);
    onPick(point);
  });
  container.append(centreButton, basemapNote);

  return {
    show(point) {
      place(point);
      map.setView([point.lat, point.lng], Math.max(map.getZoom(), PICK_ZOOM - 1));
    },
    destroy() {
      map.remove();
    },
  };
}
