// The basemap, shared by the public map and the console's map picker: the tiles of the
// provider chosen at build time (./basemap-provider.ts), the base linli ships
// (./fallback-base) under them as soon as tiles fail or are slow, and a running judgement
// of whether tiles can load at all (offline, blocked), so the page can say that it shows
// the simple base instead.
import L from 'leaflet';
import { basemapProvider } from './basemap-provider';
import { addFallbackBase } from './fallback-base/layer';

/** Read once: the build inlines import.meta.env. */
const PROVIDER = basemapProvider(import.meta.env);
/** Draw the shipped base when no tile has loaded this long after the map started (a slow network). */
const BASE_AFTER_MS = 3000;
/** Failed tiles, with none loaded since, after which the basemap counts as unavailable. */
const TILE_FAILURES_BEFORE_NOTICE = 2;

/**
 * Adds the tiles and the shipped base to `map`. `onAvailability` hears when the basemap is
 * first known to work (the first tile loaded, or at once when the build asks for no tiles:
 * the shipped base is then the map), and whenever tiles become unavailable or available again.
 */
export function addBasemap(map: L.Map, maxZoom: number, onAvailability: (available: boolean) => void): void {
  // The shipped base costs main-thread time on every zoom, so it is drawn only when it is
  // needed: no tiles configured, tiles failing, or none loaded yet after a few seconds.
  let based = false;
  let loadedAny = false;
  let failures = 0;
  /** Undefined until the first tile loads or enough fail. */
  let available: boolean | undefined;
  const drawBase = () => {
    if (!based) {
      based = true;
      void addFallbackBase(map);
    }
  };
  if (PROVIDER.layers.length === 0) {
    drawBase();
    available = true;
    onAvailability(true);
  } else {
    const timer = setTimeout(() => {
      if (!loadedAny) drawBase();
    }, BASE_AFTER_MS);
    map.once('unload', () => clearTimeout(timer));
  }
  if (PROVIDER.attribution) map.attributionControl?.addAttribution(PROVIDER.attribution);
  for (const source of PROVIDER.layers) {
    const tiles = L.tileLayer(source.url, {
      subdomains: source.subdomains,
      maxNativeZoom: source.maxNativeZoom,
      maxZoom,
      crossOrigin: true,
    });
    tiles.on('tileerror', () => {
      failures++;
      drawBase();
      if (available !== false && failures >= TILE_FAILURES_BEFORE_NOTICE) {
        available = false;
        onAvailability(false);
      }
    });
    tiles.on('tileload', () => {
      failures = 0;
      loadedAny = true;
      if (available !== true) {
        available = true;
        onAvailability(true);
      }
    });
    tiles.addTo(map);
  }
}
