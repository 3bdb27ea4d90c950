import { describe, expect, it } from 'vitest';
import { clientKey } from '../../worker/auth/client';

describe('clientKey', () => {
  it('keeps an IPv4 address whole', () => {
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
  });

  it('reduces an IPv6 address to its /64, however it is written', () => {
    const key = '2001:db8:1:2::/64';
    for (const ip of [
      '2001:db8:1:2::1',
      '2001:0DB8:0001:0002:ffff:ffff:ffff:ffff',
      '[2001:db8:1:2:3:4:5:6]',
      '2001:db8:1:2::5%eth0',
    ]) {
      expect(clientKey(ip), ip).toBe(key);
    }
    expect(clientKey('2001:db8:1:3::1')).not.toBe(key);
  });

  it('handles a zero-compressed prefix and a trailing IPv4', () => {
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('2001:db8::ffff:1.2.3.4')).toBe('2001:db8:0:0::/64');
  });

  it('leaves text that is not an address as it is (one shared key)', () => {
    expect(clientKey('unknown')).toBe('unknown');
    expect(clientKey('1:2:3')).toBe('1:2:3');
  });
});
