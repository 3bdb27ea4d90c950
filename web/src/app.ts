// The public map page: wires the views to the data and to the URL. The state lives in
// one ViewState value; every change goes through `commit`, which mirrors it in the URL.
// The list shows the sites in the map's view. Answers come from the device at once
// (sites saved from earlier visits) and from the network after; offline the device's
// answer stays, saying how old it is. The map library loads after the list and the
// buttons work, so a weak signal shows the nearest station before the map.
import { haversine } from '#core';
import type { Filters, MapData } from './api/map';
import { ApiError } from './api/problem';
import type { MapFeature, MapSite, NearbySite } from './api/types';
import { detailView, retiredView } from './detail-view';
import { append, byId, h } from './dom';
import { downloadsView } from './downloads-view';
import { FiltersView } from './filters';
import { type Lang, setLang, t } from './i18n';
import type { Strings } from './i18n/zh';
import { fillIcons } from './icons';
import { failureView, type ListStatus, listStatusView } from './list-status';
import { ListView } from './list-view';
import { LocateError, locate, permission } from './locate';
import type { MapView } from './map-view';
import { SiteSource } from './offline/site-source';
import { SiteStore } from './offline/site-store';
import { PlacePicker } from './place-picker';
import { renderPrintSheet, wirePrintButton } from './print-list';
import type { ReadAloudOptions } from './read-aloud';
import { rovingToolbar } from './roving-toolbar';
import { careFromUrl, loadSettings, type Settings, saveSettings } from './settings';
import { formatState, type LatLng, parseState, type ViewState } from './state';
import { nextTask } from './tasks';
import { type Bbox, inBbox, viewBox, zoomToInclude } from './view-box';

/** Sites in the list. */
const LIST_LIMIT = 20;
/** Radius (m) searched by "nearest open" when nothing is open within the API's default 3 km, and by "widen". */
const WIDER_RADIUS_M = 20_000;
/** Candidates fetched by "nearest open rest station" (the first is shown). */
const NEAREST_LIMIT = 3;
/** Zoom when showing a located person or a single site. */
const STREET_ZOOM = 16;
/** Zoom when showing a whole district. */
const DISTRICT_ZOOM = 13;
/**
 * A view this wide (a city) is all but always answered with clusters, and then the list needs
 * the view's nearest sites: at it, both are asked at once instead of one after the other.
 */
const CITY_ZOOM = 12;
/** Wait after the map stops moving before fetching, so a fling is one request. */
const MOVE_DEBOUNCE_MS = 250;
/** The first screen at a located person shows at least their nearest this many sites… */
const START_FIT_SITES = 3;
/** …zooming out no further than this for them. */
const START_MIN_ZOOM = 11;
/** How long a granted position may take on the first screen before the map centre is used. */
const START_LOCATE_MS = 8_000;
/** Retry after an answer came from the device because the network failed. */
const OFFLINE_RETRY_MS = 30_000;

export class App {
  private state: ViewState;
  private settings: Settings;
  private map: MapView | null = null;
  private source = new SiteSource(null);
  private readonly list: ListView;
  /** Set by wireControls, which runs before anything can use them (the controls are disabled until then). */
  private filters!: FiltersView;
  private picker!: PlacePicker;
  private listSites: NearbySite[] = [];
  private listStatus: ListStatus = { kind: 'loading' };
  private mapData: MapData = { features: [], mode: 'sites', stale: false };
  private detailSite: MapSite | null = null;
  private seq = 0;
  private lastKey = '';
  private moveTimer: number | undefined;
  private retryTimer: number | undefined;
  private fallbackReason: 'denied' | 'unavailable' | null = null;
  /** The map's script could not be loaded. */
  private mapFailed = false;
  /** "Nearest open" was asked without a position: it runs once a place is chosen. */
  private pendingNearest = false;
  /** The link named a map view (a shared link): it stands even when the position is known. */
  private readonly linkedView: boolean;

  constructor() {
    this.settings = loadSettings();
    // A link such as /?care=1 switches care mode on (or off) and it stays so.
    const care = careFromUrl(location.search);
    if (care !== null && care !== this.settings.care) {
      this.settings = { ...this.settings, care };
      saveSettings(this.settings);
    }
    this.state = parseState(location.search);
    const url = new URLSearchParams(location.search);
    this.linkedView = url.has('lat') && url.has('lng');
    setLang(this.settings.lang);
    this.applyCare();
    this.list = new ListView(byId<HTMLOListElement>('list'), (id) => void this.openSite(id, {}));
    // Below the list: downloads of what the page shows (built here; the HTML shell stays as it is).
    // Hidden until an answer fills the list above it: shown earlier, it would be pushed down (a layout shift).
    byId('list-panel').append(
      h('section', { id: 'downloads', class: 'downloads', 'aria-labelledby': 'downloads-title', hidden: true }),
    );
    this.renderChrome();
    history.replaceState(null, '', formatState(this.state));
    void this.start();
  }

  /**
   * The controls: filters, place picker, icons, toolbars and every listener. A task of its
   * own after the one that starts the requests, so neither holds a slow phone's main thread
   * long; the controls are enabled only once all of them work.
   */
  private wireControls(): void {
    this.filters = new FiltersView(byId('filters'), this.state, (f) => this.onFilters(f));
    this.picker = new PlacePicker(byId('place-picker'), {
      district: (centre) => this.setView(centre, DISTRICT_ZOOM),
      street: (c) => this.usePosition(c.point, c.zoom),
    });
    fillIcons();
    // One Tab stop each (arrows inside), so Tab reaches the list in five presses.
    rovingToolbar(document.querySelector<HTMLElement>('.top-bar .settings')!);
    rovingToolbar(document.querySelector<HTMLElement>('.actions')!);
    rovingToolbar(byId('filters'));
    wirePrintButton(byId<HTMLButtonElement>('print-list'));
    document.body.append(this.printSheet);
    window.addEventListener('beforeprint', () => this.drawPrintSheet());
    // The skip link lands on what shows: the list, or the open site's details.
    document.querySelector<HTMLAnchorElement>('.skip-link')!.addEventListener('click', (e) => {
      e.preventDefault();
      const detailOpen = !byId('detail').hidden;
      const target = detailOpen ? (document.getElementById('detail-name') ?? byId('detail')) : byId('list-panel');
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
      target.scrollIntoView({ block: 'start' });
    });

    byId('nearest-open').addEventListener('click', () => void this.nearestOpen());
    byId('locate').addEventListener('click', () => void this.locateMe());
    byId('pick-on-map').addEventListener('click', () => this.startPicking());
    byId('lang-toggle').addEventListener('click', () => this.switchLang(this.settings.lang === 'zh' ? 'en' : 'zh'));
    const large = byId<HTMLInputElement>('large-text');
    large.checked = this.settings.care;
    large.addEventListener('change', () => {
      this.settings = { ...this.settings, care: large.checked };
      saveSettings(this.settings);
      this.applyCare();
      this.map?.resize();
    });
    window.addEventListener('popstate', () => this.restore(parseState(location.search)));
    // Back online: refresh quietly (the rows stay until the new ones come).
    window.addEventListener('online', () => {
      this.lastKey = '';
      void this.refresh();
    });
    // The controls work from here on; until now (HTML without script) they were disabled.
    for (const c of document.querySelectorAll<HTMLButtonElement | HTMLInputElement>('[data-needs-app]'))
      c.disabled = false;
  }

  private async start(): Promise<void> {
    // The requests start first (the device's store, the map's script), the controls a task later.
    const store = SiteStore.open();
    const map = this.loadMap();
    await nextTask();
    this.wireControls();
    this.source = new SiteSource(await store);
    if (!this.state.at && (await permission()) === 'granted') {
      // Location already allowed: start where the person is, not on the default view.
      this.setListStatus({ kind: 'locating' });
      const p = await locate(START_LOCATE_MS).catch(() => null);
      if (p) await this.startAt(p);
    }
    void this.refresh();
    if (this.state.site !== null) void this.openSite(this.state.site, { push: false });
    await map;
  }

  /**
   * The first screen at the person's position: their nearest sites at once (from the
   * device, else one request), the map zoomed to show the nearest few. A shared link keeps its view.
   */
  private async startAt(p: LatLng): Promise<void> {
    // At once where the person is; the zoom follows when their nearest sites are known.
    this.commit(this.linkedView ? { at: p } : { at: p, lat: p.lat, lng: p.lng, zoom: STREET_ZOOM }, false);
    this.map?.setHere(p);
    this.renderListTitle();
    if (this.linkedView) return;
    // The map moves once, below: a second move during a zoom animation would be lost.
    const f = this.filtersOf();
    const local = this.source.localNearby(p, f, LIST_LIMIT, WIDER_RADIUS_M);
    let sites = local?.sites ?? [];
    const device = local && sites.length ? { savedAt: local.savedAt, offline: false } : null;
    if (!sites.length) sites = await this.source.nearby(p, f, LIST_LIMIT).catch(() => []);
    const el = byId('map');
    const zoom = sites
      .slice(0, START_FIT_SITES)
      .reduce(
        (z, s) => Math.min(z, zoomToInclude(p, s, STREET_ZOOM, el.clientWidth || 360, el.clientHeight || 300)),
        STREET_ZOOM,
      );
    this.commit({ lat: p.lat, lng: p.lng, zoom: Math.max(START_MIN_ZOOM, zoom) }, false);
    this.map?.setView(p, this.state.zoom);
    if (sites.length) this.showList(sites, device);
  }

  /**
   * Loads Leaflet and the map after the page works: the list does not wait for it. Four
   * tasks (the library's evaluation, the map, its tiles, its markers), none long on a slow phone.
   */
  private async loadMap(): Promise<void> {
    let MapView: typeof import('./map-view').MapView;
    try {
      ({ MapView } = await import('./map-view'));
    } catch (err) {
      // Its script did not arrive (offline before the shell was kept, a failed update): the rest works without it.
      console.error('the map could not load', err);
      this.mapFailed = true;
      this.showBasemap(false);
      return;
    }
    await nextTask();
    const element = byId('map');
    element.replaceChildren();
    element.removeAttribute('aria-busy');
    this.map = new MapView(element, this.state, {
      moved: (v) => this.onMoved(v),
      select: (id) => void this.openSite(id, { fromMap: true }),
      picked: (p) => this.usePosition(p, null),
      basemap: (ok) => this.showBasemap(ok),
    });
    await nextTask();
    this.map.addBasemap();
    await nextTask();
    this.map.setHere(this.state.at);
    this.drawMap();
    if (this.detailSite) this.map.highlight(this.detailSite.id, true);
  }

  // ——— state and URL ———

  private commit(patch: Partial<ViewState>, push: boolean): void {
    this.state = { ...this.state, ...patch };
    const url = formatState(this.state);
    if (url === location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  /** Back/forward: show the state the URL holds. */
  private restore(next: ViewState): void {
    const prev = this.state;
    this.state = next;
    this.filters.set(next);
    this.map?.setHere(next.at);
    if (prev.lat !== next.lat || prev.lng !== next.lng || prev.zoom !== next.zoom) this.map?.setView(next, next.zoom);
    void this.refresh();
    if (next.site === null) this.closeSite(false);
    else if (next.site !== prev.site || !this.detailSite) void this.openSite(next.site, { push: false });
  }

  private filtersOf(): Filters {
    const { kinds, amenities, elderServices, accessibility, openNow } = this.state;
    return { kinds, amenities, elderServices, accessibility, openNow };
  }

  /** The view: from the map once it exists, else computed from the state and the map's box. */
  private view(): { bbox: Bbox; zoom: number; centre: LatLng } {
    if (this.map) {
      const v = this.map.view();
      return { bbox: v.bbox, zoom: v.zoom, centre: { lat: v.lat, lng: v.lng } };
    }
    const el = byId('map');
    const centre = { lat: this.state.lat, lng: this.state.lng };
    return {
      bbox: viewBox(centre, this.state.zoom, el.clientWidth || 360, el.clientHeight || 300),
      zoom: this.state.zoom,
      centre,
    };
  }

  private setView(p: LatLng, zoom: number): void {
    if (this.map)
      this.map.setView(p, zoom); // its moveend commits and refreshes
    else {
      this.commit({ lat: p.lat, lng: p.lng, zoom }, false);
      void this.refresh();
    }
  }

  // ——— data ———

  private onMoved(v: { lat: number; lng: number; zoom: number }): void {
    this.commit({ lat: v.lat, lng: v.lng, zoom: v.zoom }, false);
    window.clearTimeout(this.moveTimer);
    this.moveTimer = window.setTimeout(() => void this.refresh(), MOVE_DEBOUNCE_MS);
  }

  private onFilters(f: Filters): void {
    this.commit(
      {
        kinds: [...f.kinds],
        amenities: [...f.amenities],
        elderServices: [...(f.elderServices ?? [])],
        accessibility: [...(f.accessibility ?? [])],
        openNow: f.openNow,
      },
      true,
    );
    void this.refresh();
  }

  private origin(): LatLng {
    return this.state.at ?? { lat: this.state.lat, lng: this.state.lng };
  }

  /** Sites with their distance from the origin, nearest first (ties by id, as the API orders them). */
  private nearestFirst(sites: readonly MapSite[]): NearbySite[] {
    const o = this.origin();
    return sites
      .map((s) => ({ s, d: haversine(o.lat, o.lng, s.lat, s.lng) }))
      .sort((a, b) => a.d - b.d || a.s.id - b.s.id)
      .map(({ s, d }) => ({ ...s, distance_m: Math.round(d) }));
  }

  /**
   * The list and the map for the current view: the device's answer at once, then the
   * network's. The list comes first and the markers in a task of their own, so neither
   * holds a slow phone long.
   */
  private async refresh(): Promise<void> {
    const v = this.view();
    const f = this.filtersOf();
    const key = JSON.stringify([v.bbox.map((x) => x.toFixed(5)), v.zoom, f, this.state.at]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    const seq = ++this.seq;
    window.clearTimeout(this.retryTimer);
    this.renderListTitle();
    const panel = byId('list-panel');
    panel.setAttribute('aria-busy', 'true');

    const local = this.source.localView(v.bbox, f);
    if (local) {
      this.mapData = { features: local.sites.map(feature), mode: 'sites', stale: true };
      this.showList(this.nearestFirst(local.sites), { savedAt: local.savedAt, offline: false });
    } else if (!this.listSites.length) this.setListStatus({ kind: 'loading' });

    try {
      const asked = this.source.view(v.bbox, v.zoom, f);
      // The nearest of the view's sites, for the list when the view is too full to send one by one.
      const radius = Math.min(50_000, Math.ceil(haversine(v.centre.lat, v.centre.lng, v.bbox[3], v.bbox[2])));
      const nearest = () => this.source.nearby(v.centre, f, 100, radius);
      const nearestEarly = v.zoom <= CITY_ZOOM ? nearest() : null;
      nearestEarly?.catch(() => undefined); // awaited below if the view comes as clusters
      if (local) {
        asked.catch(() => undefined); // handled below, after the device's markers are drawn
        await nextTask();
        if (seq === this.seq) this.drawMap();
      }
      const data = await asked;
      // After the answer the person waits for: the sites around them, for offline use
      // (around the person only: panning the map must not cost a request per kilometre).
      if (this.state.at) void this.source.prefetchAround(this.state.at);
      if (seq !== this.seq) return;
      this.mapData = data;
      if (data.mode === 'sites') {
        // Data tiles reach past the view's edges: the list holds only what the view shows.
        this.showList(
          this.nearestFirst(
            data.features
              .flatMap((x) => ('cluster' in x.properties ? [] : [x.properties]))
              .filter((s) => inBbox(v.bbox, s)),
          ),
          null,
        );
        await nextTask();
        if (seq !== this.seq) return;
        this.drawMap();
      } else {
        this.drawMap();
        // Too many to send one by one: the nearest of the view's sites, counted against the view's total.
        // In a task after the markers', even when that answer is already here.
        const [answer] = await Promise.all([nearestEarly ?? nearest(), nextTask()]);
        const near = answer.filter((s) => inBbox(v.bbox, s));
        if (seq !== this.seq) return;
        this.showList(this.nearestFirst(near), null, data.count);
      }
    } catch (err) {
      if (seq !== this.seq) return;
      this.lastKey = ''; // the same view is asked again when the network is back
      if (local) {
        this.setListStatus({
          ...this.shownStatus(this.listSites.length, local.sites.length),
          device: { savedAt: local.savedAt, offline: true },
        });
        this.retryTimer = window.setTimeout(() => void this.refresh(), OFFLINE_RETRY_MS);
      } else this.setListStatus({ kind: 'failed', err });
    } finally {
      if (seq === this.seq) panel.removeAttribute('aria-busy');
    }
  }

  private shownStatus(shown: number, total: number): { kind: 'shown'; more: number; none: boolean } {
    return { kind: 'shown', more: Math.max(0, total - shown), none: total === 0 };
  }

  private showList(
    sorted: NearbySite[],
    device: { savedAt: number; offline: boolean } | null,
    total = sorted.length,
  ): void {
    this.listSites = sorted.slice(0, LIST_LIMIT);
    this.list.show(this.listSites, !this.state.at);
    this.printSheetStale = true;
    this.setListStatus({ ...this.shownStatus(this.listSites.length, Math.max(total, this.listSites.length)), device });
    this.renderDownloads();
  }

  /** The download links, for the list and the view as they are now shown, with the filters. */
  private renderDownloads(): void {
    const downloads = byId('downloads');
    // Shown once the list holds sites: below an empty list it would be pushed down when they come.
    // Until then there is nothing to draw (and measuring the map's box would force the first layout early).
    if (this.listSites.length === 0 && downloads.hidden) return;
    downloads.hidden = false;
    const v = this.view();
    const farthest = this.listSites.reduce((m, s) => Math.max(m, s.distance_m), 0);
    downloads.replaceChildren(
      ...downloadsView({
        list: { at: this.origin(), count: this.listSites.length, farthestM: farthest },
        view: { bbox: v.bbox, zoom: v.zoom, clustered: this.mapData.mode === 'clusters' },
        filters: this.filtersOf(),
      }),
    );
  }

  private setListStatus(status: ListStatus): void {
    this.listStatus = status;
    this.renderListStatus();
  }

  private renderListStatus(): void {
    const el = byId('list-status');
    el.replaceChildren();
    append(
      el,
      ...listStatusView(this.listStatus, this.state.at !== null, {
        widen: () => void this.widen(),
        locate: () => void this.locateMe(),
        retry: () => {
          this.lastKey = '';
          void this.refresh();
        },
      }),
    );
  }

  /** "Widen": zoom out around the centre just enough to show the nearest matching site. */
  private async widen(): Promise<void> {
    const v = this.view();
    const f = this.filtersOf();
    let nearest: NearbySite | undefined;
    try {
      [nearest] = await this.source.nearby(v.centre, f, 1, WIDER_RADIUS_M);
    } catch {
      [nearest] = this.source.localNearby(v.centre, f, 1, WIDER_RADIUS_M)?.sites ?? [];
    }
    if (!nearest) {
      byId('list-status').textContent = t().noResults;
      return;
    }
    const el = byId('map');
    this.setView(v.centre, zoomToInclude(v.centre, nearest, v.zoom, el.clientWidth || 360, el.clientHeight || 300));
  }

  private drawMap(): void {
    this.map?.show(this.mapData, this.detailSite ? [this.detailSite] : []);
  }

  // ——— a site's details ———

  /** Opens a site's details, from the list, the map, a deep link, back/forward or "nearest open". */
  private async openSite(
    id: number,
    how: {
      fromMap?: boolean;
      push?: boolean;
      distance?: number;
      site?: MapSite;
      savedAt?: number | null;
    },
  ): Promise<void> {
    const known: MapSite | undefined =
      how.site ??
      this.listSites.find((s) => s.id === id) ??
      this.mapData.features.flatMap((f) => ('cluster' in f.properties ? [] : [f.properties])).find((s) => s.id === id);
    if (how.push !== false) this.commit({ site: id }, true);
    else this.state = { ...this.state, site: id };
    this.list.highlight(id);
    if (how.fromMap) this.list.reveal(id);
    if (known) {
      this.showSite(known, how.distance, how.savedAt ?? null);
      return;
    }
    // A link: the device's copy at once, the server's answer after (which may say it is gone).
    const local = this.source.localSite(id);
    if (local) this.showSite(local.site, how.distance, local.savedAt);
    try {
      const site = await this.source.site(id);
      if (this.state.site !== id) return; // another site was chosen meanwhile
      this.showSite(site, how.distance, null);
    } catch (err) {
      if (this.state.site !== id) return;
      if (err instanceof ApiError && err.status === 410) {
        this.showRetired();
        return;
      }
      if (local) {
        this.renderDetail(how.distance, { savedAt: local.savedAt, offline: true });
        return;
      }
      byId('detail').replaceChildren(
        h(
          'p',
          { class: 'error', role: 'alert' },
          err instanceof ApiError && err.status === 404
            ? t().siteNotFound
            : err instanceof ApiError && err.status === 0
              ? t().offlineNoData
              : t().loadFailed,
        ),
      );
      this.showDetailPanel(true);
    }
  }

  private showSite(site: MapSite, distance: number | undefined, savedAt: number | null): void {
    this.detailSite = site;
    this.renderDetail(distance, savedAt === null ? null : { savedAt, offline: false });
    this.drawMap();
    this.map?.reveal(site);
    this.map?.highlight(site.id, true);
    byId('detail-name').focus({ preventScroll: true });
    // On a phone the detail sits below the map; on wider screens it is beside it already.
    if (!matchMedia('(min-width: 48rem)').matches) byId('detail').scrollIntoView({ block: 'start' });
  }

  /** A linked site that was retired: say it no longer exists; nothing to navigate to. */
  private showRetired(): void {
    this.detailSite = null;
    this.drawMap();
    this.map?.highlight(null);
    byId('detail').replaceChildren(retiredView(() => this.closeSite(true), this.speech()));
    this.showDetailPanel(true);
    byId('detail-name').focus({ preventScroll: true });
  }

  private detailDevice: { savedAt: number; offline: boolean } | null = null;

  private renderDetail(
    distance?: number,
    device: { savedAt: number; offline: boolean } | null = this.detailDevice,
  ): void {
    const site = this.detailSite;
    if (!site) return;
    this.detailDevice = device;
    const listed = this.listSites.find((s) => s.id === site.id);
    const d =
      distance ??
      (this.state.at
        ? haversine(this.state.at.lat, this.state.at.lng, site.lat, site.lng)
        : (listed?.distance_m ?? null));
    byId('detail').replaceChildren(detailView(site, d, () => this.closeSite(true), { device, speech: this.speech() }));
    this.showDetailPanel(true);
  }

  private closeSite(push: boolean): void {
    if (push) this.commit({ site: null }, true);
    else this.state = { ...this.state, site: null };
    const last = this.detailSite?.id;
    this.detailSite = null;
    this.showDetailPanel(false);
    // The site stays highlighted in the list and on the map, so one finds one's place again.
    if (last !== undefined) this.list.reveal(last);
    byId('list-panel').focus({ preventScroll: true });
  }

  private showDetailPanel(on: boolean): void {
    byId('detail').hidden = !on;
    byId('list-panel').hidden = on;
    this.renderSkipLink();
  }

  private renderSkipLink(): void {
    document.querySelector('.skip-link')!.textContent = byId('detail').hidden ? t().skipToList : t().skipToDetail;
  }

  /** The read-aloud rate, remembered with the settings. */
  private speech(): ReadAloudOptions {
    return {
      rate: this.settings.speechRate,
      onRate: (speechRate) => {
        this.settings = { ...this.settings, speechRate };
        saveSettings(this.settings);
      },
    };
  }

  /**
   * The printed list: the rows of the list, drawn when the page is about to print (the print
   * button and the browser's own Print menu both fire beforeprint), not with every answer:
   * reading every site's hours in words took ~75 ms of a slowed phone's load.
   */
  private readonly printSheet = h('section', { id: 'print-sheet', class: 'print-sheet' });
  private printSheetStale = true;

  private drawPrintSheet(): void {
    if (!this.printSheetStale) return;
    this.printSheetStale = false;
    const s = t();
    renderPrintSheet(this.printSheet, this.listSites, {
      place: this.state.at ? s.yourPosition : s.mapCentre,
      fromCentre: !this.state.at,
    });
  }

  // ——— position ———

  private async locateMe(): Promise<LatLng | null> {
    const button = byId<HTMLButtonElement>('locate');
    button.setAttribute('aria-busy', 'true');
    const before = this.listStatus;
    this.setListStatus({ kind: 'locating' });
    try {
      const p = await locate();
      this.hideFallback();
      this.usePosition(p, STREET_ZOOM);
      return p;
    } catch (err) {
      this.showFallback(err instanceof LocateError ? err.reason : 'unavailable');
      return null;
    } finally {
      button.removeAttribute('aria-busy');
      if (this.listStatus.kind === 'locating')
        this.setListStatus(before.kind === 'locating' ? { kind: 'loading' } : before);
    }
  }

  /** The person is at p (located, picked on the map or chosen from the street list). */
  private usePosition(p: LatLng, zoom: number | null): void {
    byId('pick-hint').hidden = true;
    this.hideFallback();
    this.commit({ at: p }, true);
    this.map?.setHere(p);
    if (zoom !== null) this.setView(p, zoom);
    void this.refresh();
    // "Nearest open" asked before there was a place: answer it now.
    if (this.pendingNearest) void this.nearestOpen();
  }

  private showFallback(reason: 'denied' | 'unavailable'): void {
    this.fallbackReason = reason;
    const s = t();
    const why = reason === 'denied' ? s.locateDenied : s.locateUnavailable;
    byId('fallback-message').textContent = this.pendingNearest ? `${why} ${s.pendingNearest}` : why;
    byId('locate-fallback').hidden = false;
    void this.picker.render();
  }

  private hideFallback(): void {
    this.fallbackReason = null;
    byId('locate-fallback').hidden = true;
  }

  private startPicking(): void {
    this.map?.startPicking();
    const hint = byId('pick-hint');
    hint.textContent = t().pickHint;
    hint.hidden = false;
    byId('map').scrollIntoView({ block: 'center' });
  }

  /** One tap for riders: locate, then show the nearest rest station open now (from the device at once). */
  private async nearestOpen(): Promise<void> {
    // A place picked by hand stands unless the browser can give a fresh position unasked.
    const known = this.state.at && (await permission()) !== 'granted' ? this.state.at : null;
    const at = known ?? (await this.locateMe()) ?? this.state.at;
    if (!at) {
      // The fallback panel is showing; choosing a place there runs this again.
      this.pendingNearest = true;
      if (this.fallbackReason) this.showFallback(this.fallbackReason);
      return;
    }
    this.pendingNearest = false;
    // A rest station has no elder-care services: those filters would find none.
    const filters: Filters = {
      kinds: ['rest_station'],
      amenities: this.state.amenities,
      accessibility: this.state.accessibility,
      openNow: true,
    };
    this.filters.set(filters);
    this.commit({ kinds: ['rest_station'], elderServices: [], openNow: true }, false);
    void this.refresh();

    const local = this.source.localNearby(at, filters, NEAREST_LIMIT, WIDER_RADIUS_M)?.sites[0];
    const localSaved = local ? (this.source.localSite(local.id)?.savedAt ?? null) : null;
    if (local) this.showNearest(local, localSaved);
    try {
      let sites = await this.source.nearby(at, filters, NEAREST_LIMIT);
      if (sites.length === 0) sites = await this.source.nearby(at, filters, NEAREST_LIMIT, WIDER_RADIUS_M);
      const first = sites[0];
      // The person may have moved on from the device's answer meanwhile: then leave them be.
      if (local && this.state.site !== local.id) return;
      if (first) this.showNearest(first, null);
      else {
        if (local) this.closeSite(false);
        byId('list-status').textContent = t().noOpenStation;
      }
    } catch (err) {
      if (local) {
        if (this.state.site === local.id && localSaved !== null)
          this.renderDetail(local.distance_m, { savedAt: localSaved, offline: true });
      } else byId('list-status').replaceChildren(failureView(err, () => void this.nearestOpen()));
    }
  }

  private showNearest(site: NearbySite, savedAt: number | null): void {
    this.setView(site, Math.max(this.view().zoom, 15));
    void this.openSite(site.id, { distance: site.distance_m, site, savedAt, push: this.state.site !== site.id });
  }

  // ——— settings and text ———

  private switchLang(lang: Lang): void {
    this.settings = { ...this.settings, lang };
    saveSettings(this.settings);
    setLang(lang);
    this.renderChrome();
    this.filters.render();
    this.list.show(this.listSites);
    this.printSheetStale = true;
    this.renderListStatus();
    this.drawMap();
    this.renderDetail();
    if (this.fallbackReason) this.showFallback(this.fallbackReason);
  }

  /** Care mode (关怀模式) is the `large-text` class on the root: styles.css does the rest. */
  private applyCare(): void {
    document.documentElement.classList.toggle('large-text', this.settings.care);
  }

  private renderChrome(): void {
    const s = t();
    for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
      const value = s[el.dataset.i18n as keyof Strings];
      if (typeof value === 'string') el.textContent = value;
    }
    for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
      const value = s[el.dataset.i18nLabel as keyof Strings];
      if (typeof value === 'string') el.setAttribute('aria-label', value);
    }
    const toggle = byId('lang-toggle');
    toggle.textContent = s.language;
    toggle.setAttribute('lang', this.settings.lang === 'zh' ? 'en' : 'zh-CN');
    document.title = `${s.appName} · ${s.tagline}`;
    this.renderSkipLink();
    for (const [sel, text] of [
      ['.top-bar .settings', s.settings],
      ['.actions', s.actions],
    ] as const) {
      document.querySelector(sel)?.setAttribute('aria-label', text);
    }
    this.renderListTitle();
    this.showBasemap(this.mapFailed ? false : this.map?.basemapAvailable());
    this.renderDownloads();
  }

  private renderListTitle(): void {
    const s = t();
    byId('list-title').textContent = s.nearbyOf(this.state.at ? s.yourPosition : s.mapCentre);
  }

  /**
   * The map's status line, over the map from the first paint: while the map loads, that the
   * rest need not wait for it; then nothing (tiles load), or that the simple base is shown,
   * or that the map could not load. The one line changes its words, so nothing new pops up.
   */
  private showBasemap(ok: boolean | undefined): void {
    const el = byId('basemap-status');
    const s = t();
    const state = this.mapFailed ? 'failed' : ok === undefined ? 'loading' : ok ? 'available' : 'unavailable';
    el.dataset.state = state;
    el.hidden = state === 'available';
    el.textContent = { loading: s.mapLoading, available: '', unavailable: s.basemapUnavailable, failed: s.mapFailed }[
      state
    ];
  }
}

/** A site as a GeoJSON point, as the map draws the server's answers. */
const feature = (s: MapSite): MapFeature => ({
  type: 'Feature',
  id: s.id,
  geometry: { type: 'Point', coordinates: [s.lng, s.lat] },
  properties: s,
});
