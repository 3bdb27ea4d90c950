// Installs the service worker (app shell and last API results for offline use).
export function registerServiceWorker(): void {
  // Dev server (vite) has no built /sw.js; only production builds register it.
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // Without a service worker the app still works online.
    });
  });
}
