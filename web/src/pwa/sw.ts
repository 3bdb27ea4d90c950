// The service worker: keeps the app shell and the last API answers so the map page
// opens and shows the last results offline. Hashed assets are cache-first (they never
// change); pages and API GETs are network-first, answered from the cache when offline
// (API answers from the cache carry a header so the page can say they are old).
export {};

// The few service-worker types used here, declared locally: the WebWorker lib cannot be
// combined with the DOM lib that the rest of web/ is checked against.
interface SwExtendableEvent extends Event { waitUntil(p: Promise<unknown>): void }
interface SwFetchEvent extends SwExtendableEvent { readonly request: Request; respondWith(r: Promise<Response>): void }
interface SwScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: SwFetchEvent) => void): void;
}
declare const self: SwScope;

const VERSION = 'linli-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png'];
/** Must match STALE_HEADER in web/src/api.ts. */
const STALE_HEADER = 'x-linli-from-cache';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== VERSION) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await (await caches.open(VERSION)).put(request, res.clone());
  return res;
}

async function networkFirst(request: Request, cacheKey: Request | string, markStale: boolean): Promise<Response> {
  try {
    const res = await fetch(request);
    if (res.ok) await (await caches.open(VERSION)).put(cacheKey, res.clone());
    return res;
  } catch (err) {
    const cached = await caches.match(cacheKey);
    if (!cached) throw err;
    if (!markStale) return cached;
    const headers = new Headers(cached.headers);
    headers.set(STALE_HEADER, '1');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Only this origin's GETs: map tiles and navigation apps are left to the browser.
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/v1/')) {
    // Only the public reads; the console's data is personal and is never cached.
    if (/^\/api\/v1\/(streets|sites(\/(nearby|[0-9]+))?)$/.test(url.pathname)) {
      event.respondWith(networkFirst(request, request, true));
    }
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
  else if (request.mode === 'navigate' && !url.pathname.startsWith('/console')) event.respondWith(networkFirst(request, '/', false));
});
