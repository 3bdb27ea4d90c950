// Which tiles the map uses, chosen at build (deploy) time from VITE_* variables. Pure, so
// the build can check it (web/vite.config.ts fails on a half-set provider) and the
// security headers can list the tile hosts. Every provider must be WGS-84 (or CGCS2000)
// Web Mercator, so sites need no offset: OpenStreetMap for development, Tianditu (天地图)
// in production in China. Amap/Baidu tiles are GCJ-02/BD-09 and would shift every site.
//
//   VITE_BASEMAP=osm (default)  OpenStreetMap's tiles (not for production use in China)
//   VITE_BASEMAP=tianditu       with VITE_TIANDITU_KEY (a browser key from console.tianditu.gov.cn)
//                               and VITE_TIANDITU_APPROVAL (the 审图号 Tianditu prints with its map, "GS(yyyy)nnnn号")
//   VITE_BASEMAP=custom         VITE_TILE_URL, VITE_TILE_ATTRIBUTION, optional VITE_TILE_SUBDOMAINS,
//                               VITE_TILE_LABELS_URL (a transparent overlay), VITE_TILE_MAX_ZOOM
//   VITE_BASEMAP=none           no tiles: only the base linli ships (district outlines, street names)

export interface TileSource {
  /** Leaflet URL template ({s}, {z}, {x}, {y}). */
  url: string;
  subdomains: string;
  /** Deepest zoom the provider has tiles for; Leaflet scales them beyond it. */
  maxNativeZoom: number;
}

export interface BasemapProvider {
  name: 'osm' | 'tianditu' | 'custom' | 'none';
  /** The base tiles, then overlays (labels), bottom to top. */
  layers: TileSource[];
  /** HTML (trusted: it comes from the build) shown in the map's attribution. */
  attribution: string;
}

export type BasemapEnv = Readonly<Record<string, string | boolean | undefined>>;

const str = (env: BasemapEnv, key: string): string => {
  const v = env[key];
  return typeof v === 'string' ? v.trim() : '';
};

function tianditu(layer: 'vec' | 'cva', key: string): TileSource {
  return {
    url:
      `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
      `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
    subdomains: '01234567',
    maxNativeZoom: 18,
  };
}

/** The provider the build asks for; throws naming the missing variable. */
export function basemapProvider(env: BasemapEnv): BasemapProvider {
  const name = str(env, 'VITE_BASEMAP') || (str(env, 'VITE_TILE_URL') ? 'custom' : 'osm');
  switch (name) {
    case 'osm':
      return {
        name,
        layers: [{ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', subdomains: 'abc', maxNativeZoom: 19 }],
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      };
    case 'tianditu': {
      const key = str(env, 'VITE_TIANDITU_KEY');
      const approval = str(env, 'VITE_TIANDITU_APPROVAL');
      if (!key) throw new Error('VITE_BASEMAP=tianditu needs VITE_TIANDITU_KEY (a browser key from Tianditu)');
      if (!approval)
        throw new Error('VITE_BASEMAP=tianditu needs VITE_TIANDITU_APPROVAL, the 审图号 shown with the map');
      return {
        name,
        // The vector map and its Chinese annotation layer (roads, place names).
        layers: [tianditu('vec', key), tianditu('cva', key)],
        attribution: `&copy; <a href="https://www.tianditu.gov.cn/">天地图</a> 审图号：${escapeHtml(approval)}`,
      };
    }
    case 'custom': {
      const url = str(env, 'VITE_TILE_URL');
      if (!url) throw new Error('VITE_BASEMAP=custom needs VITE_TILE_URL');
      const attribution = str(env, 'VITE_TILE_ATTRIBUTION');
      if (!attribution) throw new Error("VITE_BASEMAP=custom needs VITE_TILE_ATTRIBUTION (the provider's credit line)");
      const subdomains = str(env, 'VITE_TILE_SUBDOMAINS') || 'abc';
      const maxNativeZoom = Number(str(env, 'VITE_TILE_MAX_ZOOM') || 18);
      if (!Number.isInteger(maxNativeZoom) || maxNativeZoom < 1 || maxNativeZoom > 22)
        throw new Error('VITE_TILE_MAX_ZOOM must be an integer 1–22');
      const labels = str(env, 'VITE_TILE_LABELS_URL');
      const layers = [{ url, subdomains, maxNativeZoom }];
      if (labels) layers.push({ url: labels, subdomains, maxNativeZoom });
      return { name, layers, attribution };
    }
    case 'none':
      return { name, layers: [], attribution: '' };
    default:
      throw new Error(`VITE_BASEMAP must be osm, tianditu, custom or none, got "${name}"`);
  }
}

/** The origins tiles come from (for a Content-Security-Policy img-src). */
export function tileOrigins(provider: BasemapProvider): string[] {
  const origins = new Set<string>();
  for (const layer of provider.layers) {
    const subs = layer.url.includes('{s}') ? [...layer.subdomains] : [''];
    for (const s of subs) origins.add(new URL(layer.url.replace('{s}', s).replace(/\{[a-z]\}/g, '0')).origin);
  }
  return [...origins];
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
