// A street office of a test file's own: its editor and its live sites, made through the API
// as the administrator before the file's tests, in a street no other test file looks at.
// A file that writes sites works there, so the map tests around the rider never meet its
// sites and the files may run in any order and side by side.
import { baseUrl } from './browser';
import { ADMIN } from './console-accounts';

export interface Office {
  /** The street's statistics-bureau code (seeds/data/streets-11.json). */
  street: string;
  /** Where its sites are. */
  place: { lat: number; lng: number };
  editor: { username: string; password: string; display_name: string };
}

/** The administrator's session cookie. */
async function adminCookie(): Promise<string> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { origin: baseUrl(), 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = /(__Host-linli_session=[0-9a-f]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (login.status !== 200 || !cookie) throw new Error(`administrator login failed: ${login.status}`);
  return cookie;
}

/** Calls the API from Node as the administrator (session cookie and the app's Origin). */
async function asAdmin(cookie: string, method: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers: { origin: baseUrl(), cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} as the administrator: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Makes the office's editor, then each site (kind rest_station, open 24/7, at `place` unless given). */
export async function seedOffice(office: Office, sites: readonly Record<string, unknown>[] = []): Promise<void> {
  const cookie = await adminCookie();
  await asAdmin(cookie, 'POST', '/accounts', { ...office.editor, role: 'editor', street_codes: [office.street] });
  const base = { kind: 'rest_station', street_code: office.street, ...office.place, opening_hours: '24/7' };
  for (const site of sites) await asAdmin(cookie, 'POST', '/sites', { ...base, ...site });
  await fetch(`${baseUrl()}/api/v1/auth/logout`, { method: 'POST', headers: { origin: baseUrl(), cookie } });
}
