// Who is asking, as the throttles count them: the client's address as Cloudflare reports
// it, with an IPv6 address reduced to its /64 (one subscriber line or host is given a
// whole /64, so counting single IPv6 addresses would let one client count as billions).

/** The 4 leading 16-bit groups of an IPv6 address, or null if it is not one. */
function ipv6Prefix64(ip: string): string | null {
  if (!ip.includes(':')) return null;
  const address = ip
    .replace(/^\[|\]$/g, '')
    .split('%')[0]!
    .toLowerCase();
  // A trailing dotted IPv4 (::ffff:1.2.3.4) takes the place of the last two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const hex = v4
    ? address.slice(0, v4.index) +
      [(+v4[1]! << 8) | +v4[2]!, (+v4[3]! << 8) | +v4[4]!].map((n) => n.toString(16)).join(':')
    : address;
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

/** The throttle key of a client address: an IPv4 address whole, an IPv6 address by its /64. */
export function clientKey(ip: string): string {
  const prefix = ipv6Prefix64(ip);
  return prefix === null ? ip : `${prefix}::/64`;
}

/** The client's key from Cloudflare's `cf-connecting-ip`; one shared key when absent (local tools). */
export const clientOf = (headers: { header(name: string): string | undefined }) =>
  clientKey(headers.header('cf-connecting-ip')?.trim() || 'unknown');
