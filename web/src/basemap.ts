// The basemap tile layer, shared by the public map and the console's map picker: the
// provider comes from the build environment (OpenStreetMap unless VITE_TILE_URL is set;
// it must be WGS-84 Web Mercator, as Tianditu is, so sites need no offset), and the
// layer keeps judging whether tiles can load at all (offline, blocked).
import L from 'leaflet';

const TILE_URL = import.meta.env.VITE_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const TILE_ATTRIBUTION = import.meta.env.VITE_TILE_ATTRIBUTION
  || '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
/** Failed tiles, with none loaded since, after which the basemap counts as unavailable. */
const TILE_FAILURES_BEFORE_NOTICE = 2;

/** A tile layer that calls `onAvailability` whenever the basemap becomes unavailable or available again. */
export function basemapLayer(maxZoom: number, onAvailability: (available: boolean) => void): L.TileLayer {
  const tiles = L.tileLayer(TILE_URL, { attribution: TILE_ATTRIBUTION, maxZoom, crossOrigin: true });
  let failures = 0;
  let available = true;
  tiles.on('tileerror', () => {
    failures++;
    if (available && failures >= TILE_FAILURES_BEFORE_NOTICE) onAvailability((available = false));
  });
  tiles.on('tileload', () => {
    failures = 0;
    if (!available) onAvailability((available = true));
  });
  return tiles;
}
