// Installs the service worker (the precached app shell; site data is kept in IndexedDB by web/src/offline/).
export function registerServiceWorker(): void {
  // Dev server (vite) has no built /sw.js; only production builds register it.
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a service worker the app still works online.
    });
  });
}
