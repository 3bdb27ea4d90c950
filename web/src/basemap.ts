// The basemap, shared by the public map and the console's map picker: the tiles of the
// provider chosen at build time (./basemap-provider.ts) over the base linli ships
// (./fallback-base), and a running judgement of whether tiles can load at all (offline,
// blocked), so the page can say that it shows the simple base instead.
import L from 'leaflet';
import { basemapProvider } from './basemap-provider';
import { addFallbackBase } from './fallback-base/layer';

/** Read once: the build inlines import.meta.env. */
const PROVIDER = basemapProvider(import.meta.env);
/** Failed tiles, with none loaded since, after which the basemap counts as unavailable. */
const TILE_FAILURES_BEFORE_NOTICE = 2;

/**
 * Adds the tiles and the shipped base to `map`; `onAvailability` hears whenever tiles
 * become unavailable or available again (never, when the build asks for no tiles).
 */
export function addBasemap(map: L.Map, maxZoom: number, onAvailability: (available: boolean) => void): void {
  void addFallbackBase(map);
  if (PROVIDER.attribution) map.attributionControl?.addAttribution(PROVIDER.attribution);
  let failures = 0;
  let available = true;
  for (const source of PROVIDER.layers) {
    const tiles = L.tileLayer(source.url, {
      subdomains: source.subdomains, maxNativeZoom: source.maxNativeZoom, maxZoom, crossOrigin: true,
    });
    tiles.on('tileerror', () => {
      failures++;
      if (available && failures >= TILE_FAILURES_BEFORE_NOTICE) onAvailability((available = false));
    });
    tiles.on('tileload', () => {
      failures = 0;
      if (!available) onAvailability((available = true));
    });
    tiles.addTo(map);
  }
}
