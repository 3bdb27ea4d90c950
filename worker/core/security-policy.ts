// The security headers of every response, in one place: the pages and assets (a Workers
// assets `_headers` file written at build time, web/security-headers.ts) and the API
// (worker/app.ts). Pure, so tests read the same policy the build and the worker send.

/** Headers every response carries, page or API. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  // No page may frame linli (clickjacking the logged-in console); XFO for older browsers.
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  // Tile servers (OSM's policy) want to see the origin; paths and queries stay private.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
};

/**
 * The pages' Content-Security-Policy: scripts, styles and fonts from linli only (no inline
 * script or style element), images also from the configured tile hosts (and data:/blob:
 * for Leaflet's icons), fetches to linli (and the tile hosts, for the service worker's
 * tile cache), and no framing.
 */
export function pagePolicy(tileOrigins: readonly string[]): string {
  const tiles = tileOrigins.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "font-src 'self'",
    `connect-src 'self'${tiles ? ` ${tiles}` : ''}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The API's policy: JSON needs nothing; the docs page only its own style element. */
export const API_POLICY = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** A Workers assets `_headers` file: every path gets the common headers and the page policy. */
export function headersFile(tileOrigins: readonly string[]): string {
  const lines = Object.entries({ ...COMMON_HEADERS, 'Content-Security-Policy': pagePolicy(tileOrigins) }).map(
    ([name, value]) => `  ${name}: ${value}`,
  );
  return [
    '# Written by the build (web/security-headers.ts from worker/core/security-policy.ts); do not edit.',
    '/*',
    ...lines,
    '',
  ].join('\n');
}
