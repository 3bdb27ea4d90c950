// Session tokens: 32 random bytes in an HttpOnly, Secure, SameSite=Strict cookie;
// D1 keeps only their SHA-256, so a leaked table opens no session.

export const SESSION_COOKIE = 'linli_session';
/** The cookie uses the `__Host-` prefix: Secure, Path=/, no Domain. */
export const COOKIE_PREFIX = 'host' as const;
export const SESSION_SECONDS = 12 * 3600;

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export function newToken(): string {
  return hex(crypto.getRandomValues(new Uint8Array(32)));
}

export async function tokenHash(token: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}
