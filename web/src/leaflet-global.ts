// leaflet.markercluster is a UMD plugin that extends the global `L`; Leaflet's ESM build
// does not create that global, so it is set here, imported before the plugin.
import L from 'leaflet';

(window as unknown as { L: typeof L }).L = L;

export default L;
