// Run before the first paint, as a tiny classic script in the page's <head> (built to
// /early-settings.js, no imports): care mode (关怀模式), when chosen on an earlier visit, is
// on from the first paint, so the page never redraws bigger (and moves everything) once
// the app starts. The app itself (./settings.ts, whose storage key this repeats) owns the setting.
try {
  const saved: unknown = JSON.parse(localStorage.getItem('linli.settings') ?? 'null');
  // Care mode as parseSettings in ./settings.ts reads it (`largeText` is its name before care mode).
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as { care?: unknown; largeText?: unknown };
  if (s.care === true || (s.care === undefined && s.largeText === true)) {
    document.documentElement.classList.add('large-text');
  }
} catch {
  // Storage disabled or corrupt: the app starts with its defaults.
}
