// Who may try a password now: the login throttling policy, as a pure decision over the
// counted attempts (worker/db/attempts.ts records and counts them in D1).
//
// - Per account and client: 5 failed logins in 15 min, then 429 until the oldest leaves
//   the window. One client cannot guess more than 5 passwords of an account.
// - Per client, over all accounts: 20 failures in 15 min (password spraying); generous,
//   as a street office's clerks may share one address.
// - Per account, softer: once an account has 5 failures in 15 min from other clients, a
//   client that has itself failed on it waits before each further try, 30 s doubling
//   with every further failure elsewhere, up to 15 min (a slow, distributed guesser). A
//   client without failures on the account is never held back: wrong guesses from
//   elsewhere cannot lock the office out.
import type { Tally, Window } from '../db/attempts';
import { secondsUntilFree } from './throttle';

export interface LoginLimits extends Window {
  perAccountClient: number;
  perClient: number;
  /** Failures of an account from other clients from which the back-off starts. */
  accountBackoffFrom: number;
  backoffBaseSeconds: number;
}

export const LOGIN_LIMITS: LoginLimits = {
  windowSeconds: 15 * 60,
  perAccountClient: 5,
  perClient: 20,
  accountBackoffFrom: 5,
  backoffBaseSeconds: 30,
};

/** The buckets one login attempt is counted in, in the order `loginDecision` reads them. */
export const loginBuckets = (username: string, client: string) =>
  [`login:pair:${client}:${username}`, `login:ip:${client}`, `login:user:${username}`] as const;

export type LoginDecision =
  | { allow: true }
  | { allow: false; retryAfter: number; reason: 'account_client' | 'client' | 'account_backoff' };

/** Whether this attempt may check a password, given the tallies of its three buckets (itself included). */
export function loginDecision(
  [pair, client, account]: readonly Tally[],
  limits: LoginLimits = LOGIN_LIMITS,
  now = Date.now(),
): LoginDecision {
  if (pair!.count > limits.perAccountClient)
    return { allow: false, retryAfter: secondsUntilFree(pair!, limits, now), reason: 'account_client' };
  if (client!.count > limits.perClient)
    return { allow: false, retryAfter: secondsUntilFree(client!, limits, now), reason: 'client' };
  const ownFailures = pair!.count - 1;
  const elsewhere = account!.count - 1 - ownFailures;
  if (ownFailures > 0 && elsewhere >= limits.accountBackoffFrom && pair!.latestBefore) {
    const delay = Math.min(
      limits.windowSeconds,
      limits.backoffBaseSeconds * 2 ** (elsewhere - limits.accountBackoffFrom),
    );
    const wait = Math.ceil((Date.parse(pair!.latestBefore) + delay * 1000 - now) / 1000);
    if (wait > 0) return { allow: false, retryAfter: wait, reason: 'account_backoff' };
  }
  return { allow: true };
}
