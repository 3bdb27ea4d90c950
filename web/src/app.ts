// The public map page: wires the views to the API and to the URL. The state lives in
// one ViewState value; every change goes through `commit`, which mirrors it in the URL.
import { ApiError, type Filters, type MapData, type MapSite, type NearbySite, inBox, nearby, site as fetchSite } from './api';
import { detailView } from './detail-view';
import { byId, h } from './dom';
import { FiltersView } from './filters';
import { distanceM } from './geo';
import { type Lang, setLang, t } from './i18n';
import type { Strings } from './i18n/zh';
import { ListView } from './list-view';
import { LocateError, locate, permission } from './locate';
import { MapView } from './map-view';
import { PlacePicker } from './place-picker';
import { loadSettings, saveSettings, type Settings } from './settings';
import { type LatLng, type ViewState, formatState, parseState } from './state';

/** Sites in the nearby list. */
const LIST_LIMIT = 20;
/** Radius (m) tried when nothing matches within the API's default 3 km (outer districts). */
const WIDER_RADIUS_M = 20_000;
/** Candidates fetched by "nearest open rest station" (the first is shown). */
const NEAREST_LIMIT = 3;
/** Zoom when showing a located person or a single site. */
const STREET_ZOOM = 16;
/** Zoom when showing a whole district. */
const DISTRICT_ZOOM = 13;
/** Wait after the map stops moving before fetching, so a fling is one request. */
const MOVE_DEBOUNCE_MS = 250;

export class App {
  private state: ViewState;
  private settings: Settings;
  private readonly map: MapView;
  private readonly list: ListView;
  private readonly filters: FiltersView;
  private readonly picker: PlacePicker;
  private listSites: NearbySite[] = [];
  private mapData: MapData = { features: [], mode: 'sites', stale: false };
  private detailSite: MapSite | null = null;
  private listSeq = 0;
  private mapSeq = 0;
  private moveTimer: number | undefined;
  private fallbackReason: 'denied' | 'unavailable' | null = null;

  constructor() {
    this.settings = loadSettings();
    this.state = parseState(location.search);
    setLang(this.settings.lang);
    this.applyLargeText();

    this.map = new MapView(byId('map'), this.state, {
      moved: (v) => this.onMoved(v),
      select: (id) => void this.openSite(id, { fromMap: true }),
      picked: (p) => this.usePosition(p, null),
      basemap: (ok) => this.showBasemap(ok),
    });
    this.list = new ListView(byId<HTMLOListElement>('list'), (id) => void this.openSite(id, {}));
    this.filters = new FiltersView(byId('filters'), this.state, (f) => this.onFilters(f));
    this.picker = new PlacePicker(byId('place-picker'), {
      district: (centre) => this.map.setView(centre, DISTRICT_ZOOM),
      street: (c) => this.usePosition(c.point, c.zoom),
    });

    byId('nearest-open').addEventListener('click', () => void this.nearestOpen());
    byId('locate').addEventListener('click', () => void this.locateMe());
    byId('pick-on-map').addEventListener('click', () => this.startPicking());
    byId('lang-toggle').addEventListener('click', () => this.switchLang(this.settings.lang === 'zh' ? 'en' : 'zh'));
    const large = byId<HTMLInputElement>('large-text');
    large.checked = this.settings.largeText;
    large.addEventListener('change', () => {
      this.settings = { ...this.settings, largeText: large.checked };
      saveSettings(this.settings);
      this.applyLargeText();
      this.map.resize();
    });
    window.addEventListener('popstate', () => this.restore(parseState(location.search)));

    this.renderChrome();
    this.map.setHere(this.state.at);
    history.replaceState(null, '', formatState(this.state));
    void this.refreshMap();
    void this.refreshList();
    if (this.state.site !== null) void this.openSite(this.state.site, { push: false });
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
    this.map.setHere(next.at);
    if (prev.lat !== next.lat || prev.lng !== next.lng || prev.zoom !== next.zoom) this.map.setView(next, next.zoom);
    void this.refreshMap();
    void this.refreshList();
    if (next.site === null) this.closeSite(false);
    else if (next.site !== prev.site || !this.detailSite) void this.openSite(next.site, { push: false });
  }

  private filtersOf(): Filters {
    return { kinds: this.state.kinds, amenities: this.state.amenities, openNow: this.state.openNow };
  }

  // ——— data ———

  private onMoved(v: { lat: number; lng: number; zoom: number }): void {
    this.commit({ lat: v.lat, lng: v.lng, zoom: v.zoom }, false);
    window.clearTimeout(this.moveTimer);
    this.moveTimer = window.setTimeout(() => {
      void this.refreshMap();
      if (!this.state.at) void this.refreshList();
    }, MOVE_DEBOUNCE_MS);
  }

  private onFilters(f: Filters): void {
    this.commit({ kinds: [...f.kinds], amenities: [...f.amenities], openNow: f.openNow }, true);
    void this.refreshMap();
    void this.refreshList();
  }

  private async refreshMap(): Promise<void> {
    const seq = ++this.mapSeq;
    const v = this.map.view();
    try {
      const data = await inBox(v.bbox, v.zoom, this.filtersOf());
      if (seq !== this.mapSeq) return;
      this.mapData = data;
      this.drawMap();
    } catch {
      // The list reports failures; the map keeps what it had.
    }
  }

  private drawMap(): void {
    this.map.show(this.mapData, this.detailSite ? [this.detailSite] : []);
  }

  private origin(): LatLng {
    return this.state.at ?? { lat: this.state.lat, lng: this.state.lng };
  }

  private async refreshList(): Promise<void> {
    const seq = ++this.listSeq;
    const status = byId('list-status');
    this.renderListTitle();
    status.textContent = t().loading;
    const panel = byId('list-panel');
    panel.setAttribute('aria-busy', 'true');
    try {
      let { sites, stale } = await nearby(this.origin(), this.filtersOf(), LIST_LIMIT);
      if (sites.length === 0 && seq === this.listSeq) ({ sites, stale } = await nearby(this.origin(), this.filtersOf(), LIST_LIMIT, WIDER_RADIUS_M));
      if (seq !== this.listSeq) return;
      this.listSites = sites;
      this.list.show(sites);
      status.textContent = [stale ? t().offlineData : '', sites.length === 0 ? t().noResults : ''].filter(Boolean).join(' ');
    } catch (err) {
      if (seq !== this.listSeq) return;
      status.replaceChildren(this.failure(err, () => void this.refreshList()));
    } finally {
      if (seq === this.listSeq) panel.removeAttribute('aria-busy');
    }
  }

  private failure(err: unknown, retry: () => void): HTMLElement {
    const s = t();
    const button = h('button', { type: 'button', class: 'secondary' }, s.retry);
    button.addEventListener('click', retry);
    const text = err instanceof ApiError && err.status !== 0 && err.status !== 502 ? `${s.loadFailed} (${err.message})` : s.loadFailed;
    return h('span', { class: 'error' }, text, ' ', button);
  }

  // ——— a site's details ———

  /** Opens a site's details, from the list, the map, a deep link or back/forward. */
  private async openSite(id: number, how: { fromMap?: boolean; push?: boolean; distance?: number }): Promise<void> {
    const known: MapSite | undefined = this.listSites.find((s) => s.id === id)
      ?? this.mapData.features.flatMap((f) => ('cluster' in f.properties ? [] : [f.properties])).find((s) => s.id === id);
    if (how.push !== false) this.commit({ site: id }, true);
    else this.state = { ...this.state, site: id };
    this.list.highlight(id);
    if (how.fromMap) this.list.reveal(id);
    let site = known;
    if (!site) {
      try {
        site = await fetchSite(id);
      } catch (err) {
        const panel = byId('detail');
        panel.replaceChildren(h('p', { class: 'error', role: 'alert' },
          err instanceof ApiError && err.status === 404 ? t().siteNotFound : t().loadFailed));
        this.showDetailPanel(true);
        return;
      }
      if (this.state.site !== id) return; // another site was chosen meanwhile
    }
    this.detailSite = site;
    this.renderDetail(how.distance);
    this.drawMap();
    this.map.reveal(site);
    this.map.highlight(id, true);
    byId('detail-name').focus({ preventScroll: true });
    // On a phone the detail sits below the map; on wider screens it is beside it already.
    if (!matchMedia('(min-width: 48rem)').matches) byId('detail').scrollIntoView({ block: 'start' });
  }


  private renderDetail(distance?: number): void {
    const site = this.detailSite;
    if (!site) return;
    const listed = this.listSites.find((s) => s.id === site.id);
    const d = distance ?? (this.state.at ? distanceM(this.state.at, site) : listed?.distance_m ?? null);
    byId('detail').replaceChildren(detailView(site, d, () => this.closeSite(true)));
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
  }

  // ——— position ———

  private async locateMe(): Promise<LatLng | null> {
    const button = byId<HTMLButtonElement>('locate');
    button.setAttribute('aria-busy', 'true');
    byId('list-status').textContent = t().locating;
    try {
      const p = await locate();
      this.hideFallback();
      this.usePosition(p, STREET_ZOOM);
      return p;
    } catch (err) {
      this.showFallback(err instanceof LocateError ? err.reason : 'unavailable');
      byId('list-status').textContent = '';
      return null;
    } finally {
      button.removeAttribute('aria-busy');
    }
  }

  /** The person is at p (located, picked on the map or chosen from the street list). */
  private usePosition(p: LatLng, zoom: number | null): void {
    byId('pick-hint').hidden = true;
    this.hideFallback();
    this.commit({ at: p }, true);
    this.map.setHere(p);
    if (zoom !== null) this.map.setView(p, zoom);
    void this.refreshList();
  }

  private showFallback(reason: 'denied' | 'unavailable'): void {
    this.fallbackReason = reason;
    const s = t();
    byId('fallback-message').textContent = reason === 'denied' ? s.locateDenied : s.locateUnavailable;
    byId('locate-fallback').hidden = false;
    void this.picker.render();
  }

  private hideFallback(): void {
    this.fallbackReason = null;
    byId('locate-fallback').hidden = true;
  }

  private startPicking(): void {
    this.map.startPicking();
    const hint = byId('pick-hint');
    hint.textContent = t().pickHint;
    hint.hidden = false;
    byId('map').scrollIntoView({ block: 'center' });
  }

  /** One tap for riders: locate, then show the nearest rest station open now. */
  private async nearestOpen(): Promise<void> {
    // A place picked by hand stands unless the browser can give a fresh position unasked.
    const known = this.state.at && (await permission()) !== 'granted' ? this.state.at : null;
    const at = known ?? (await this.locateMe()) ?? this.state.at;
    if (!at) return; // the fallback panel is showing; the person picks a place first
    const filters: Filters = { kinds: ['rest_station'], amenities: this.state.amenities, openNow: true };
    this.filters.set(filters);
    this.commit({ kinds: ['rest_station'], openNow: true }, false);
    void this.refreshMap();
    void this.refreshList();
    try {
      let { sites } = await nearby(at, filters, NEAREST_LIMIT);
      if (sites.length === 0) ({ sites } = await nearby(at, filters, NEAREST_LIMIT, WIDER_RADIUS_M));
      const first = sites[0];
      if (!first) {
        byId('list-status').textContent = t().noOpenStation;
        return;
      }
      this.map.setView(first, Math.max(this.map.view().zoom, 15));
      await this.openSite(first.id, { distance: first.distance_m });
    } catch (err) {
      byId('list-status').replaceChildren(this.failure(err, () => void this.nearestOpen()));
    }
  }

  // ——— settings and text ———

  private switchLang(lang: Lang): void {
    this.settings = { ...this.settings, lang };
    saveSettings(this.settings);
    setLang(lang);
    this.renderChrome();
    this.filters.render();
    this.list.show(this.listSites);
    this.drawMap();
    this.renderDetail();
    if (this.fallbackReason) this.showFallback(this.fallbackReason);
  }

  private applyLargeText(): void {
    document.documentElement.classList.toggle('large-text', this.settings.largeText);
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
    this.renderListTitle();
    this.showBasemap(this.map.basemapAvailable());
  }

  private renderListTitle(): void {
    const s = t();
    byId('list-title').textContent = s.nearbyOf(this.state.at ? s.yourPosition : s.mapCentre);
  }

  private showBasemap(ok: boolean): void {
    const el = byId('basemap-status');
    el.hidden = ok;
    el.textContent = ok ? '' : t().basemapUnavailable;
  }
}
