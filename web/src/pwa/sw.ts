// The service worker. On install it precaches the whole built shell of the map page (the
// list the build wrote in, see precache-plugin.ts), so a single online visit is enough
// to open the page offline, also as a cold start. Pages and shell files are answered
// from that cache at once (no network wait on a weak signal); the browser checks sw.js
// for a new version by itself, and a new version precaches into a new cache. The
// street list is kept for the place picker. Site data lives in IndexedDB (web/src/offline/),
// written by the page, so a moving rider is answered for any position, not one URL.
export {};

// The few service-worker types used here, declared locally: the WebWorker lib cannot be
// combined with the DOM lib that the rest of web/ is checked against.
interface SwExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface SwScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: SwFetchEvent) => void): void;
}
declare const self: SwScope;
/** Filled in by the build (precache-plugin.ts): the shell's files and a hash of their content. */
declare const __LINLI_PRECACHE__: { version: string; urls: string[] };

const PRECACHE = __LINLI_PRECACHE__;
const SHELL_PREFIX = 'linli-shell-';
const SHELL = `${SHELL_PREFIX}${PRECACHE.version}`;
const DATA = 'linli-data';
const STREETS = '/api/v1/streets';
/** Must match STALE_HEADER in web/src/api/client.ts. */
const STALE_HEADER = 'x-linli-from-cache';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      // `reload` skips the HTTP cache, so the files stored are the ones this version lists.
      await shell.addAll(PRECACHE.urls.map((u) => new Request(u, { cache: 'reload' })));
      // The street list for the place picker; the shell installs even if it fails.
      await caches
        .open(DATA)
        .then((c) => c.add(STREETS))
        .catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // keys() lists caches in creation order. The previous shell is kept one version more:
      // a page opened before this update may still ask for its own (old, hashed) files.
      const shells = (await caches.keys()).filter((k) => k.startsWith(SHELL_PREFIX) && k !== SHELL);
      for (const old of shells.slice(0, -1)) await caches.delete(old);
      await self.clients.claim();
    })(),
  );
});

/** From any shell cache (this version's or the previous one's), else the network. */
async function shellFirst(request: Request | string): Promise<Response> {
  for (const name of [SHELL, ...(await caches.keys()).filter((k) => k.startsWith(SHELL_PREFIX))]) {
    const hit = await (await caches.open(name)).match(request);
    if (hit) return hit;
  }
  return fetch(request);
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(DATA);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const cached = await cache.match(request);
    if (!cached) throw err;
    const headers = new Headers(cached.headers);
    headers.set(STALE_HEADER, '1');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

const PRECACHED = new Set(PRECACHE.urls);

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Only this origin's GETs: map tiles and navigation apps are left to the browser.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === STREETS) event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/api/'))
    return; // site data: the page and IndexedDB handle it
  else if (request.mode === 'navigate') {
    // Every path of the map page is the one-page app; the console loads from the network.
    if (!url.pathname.startsWith('/console')) event.respondWith(shellFirst('/'));
  } else if (PRECACHED.has(url.pathname) || url.pathname.startsWith('/assets/')) event.respondWith(shellFirst(request));
});
