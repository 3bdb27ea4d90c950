// The login throttling policy as a pure decision over counted attempts.
import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, loginDecision } from '../../worker/auth/login-policy';
import type { Tally } from '../../worker/db/attempts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
/** Tallies of one attempt (itself included in each count) for pair, client and account buckets. */
const tallies = (
  pair: number,
  client: number,
  account: number,
  lastOwnFailure: number | null = 10,
  oldest = 600,
): Tally[] => [
  {
    bucket: 'pair',
    count: pair,
    oldest: ago(oldest),
    latestBefore: lastOwnFailure === null ? null : ago(lastOwnFailure),
  },
  { bucket: 'client', count: client, oldest: ago(oldest), latestBefore: null },
  { bucket: 'account', count: account, oldest: ago(oldest), latestBefore: null },
];

describe('loginDecision', () => {
  it('lets a client try up to 5 passwords of an account in the window', () => {
    expect(loginDecision(tallies(5, 5, 5), LOGIN_LIMITS, NOW)).toEqual({ allow: true });
  });

  it('refuses the 6th until the oldest failure is 15 min old', () => {
    expect(loginDecision(tallies(6, 6, 6, 10, 600), LOGIN_LIMITS, NOW)).toEqual({
      allow: false,
      retryAfter: 300,
      reason: 'account_client',
    });
  });

  it('refuses a client with 20 failures over all accounts', () => {
    expect(loginDecision(tallies(1, 21, 1, null), LOGIN_LIMITS, NOW)).toMatchObject({ allow: false, reason: 'client' });
  });

  it('never holds back a client without failures on the account, whatever the account has seen', () => {
    expect(loginDecision(tallies(1, 1, 1000, null), LOGIN_LIMITS, NOW)).toEqual({ allow: true });
  });

  it('makes a failed client wait 30 s, doubling with every failure elsewhere beyond 5, at most 15 min', () => {
    // Own failures: 1 (10 s ago); elsewhere: account − 1 (this try) − 1 (own).
    expect(loginDecision(tallies(2, 2, 7, 10), LOGIN_LIMITS, NOW)).toEqual({
      allow: false,
      retryAfter: 20,
      reason: 'account_backoff',
    });
    expect(loginDecision(tallies(2, 2, 8, 10), LOGIN_LIMITS, NOW)).toEqual({
      allow: false,
      retryAfter: 50,
      reason: 'account_backoff',
    });
    expect(loginDecision(tallies(2, 2, 100, 10), LOGIN_LIMITS, NOW)).toEqual({
      allow: false,
      retryAfter: 890,
      reason: 'account_backoff',
    });
    expect(loginDecision(tallies(2, 2, 7, 31), LOGIN_LIMITS, NOW)).toEqual({ allow: true });
  });

  it("does not back off for a client's own failures alone", () => {
    expect(loginDecision(tallies(5, 5, 5, 1), LOGIN_LIMITS, NOW)).toEqual({ allow: true });
  });
});
