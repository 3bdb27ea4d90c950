// Accounts and sessions: logging in (throttled, worker/auth/login-policy.ts), and the city
// administrators' management of accounts. Answers plain outcomes; routes/auth.ts and
// routes/accounts.ts set the cookie and turn refusals into problems.
import { LOGIN_LIMITS, loginBuckets, loginDecision } from '../auth/login-policy';
import { DECOY_HASH, verifyPassword } from '../auth/password';
import { newToken, SESSION_SECONDS, tokenHash } from '../auth/session';
import type { Role, User } from '../auth/user';
import {
  type Account,
  type AccountInput,
  type AccountPatch,
  createAccount,
  createSession,
  ensureAdmin,
  findAccount,
  listAccounts,
  pruneSessions,
  toUser,
  updateAccount,
} from '../db/accounts';
import { claimAttempt, clearBucket, releaseAttempt } from '../db/attempts';
import { database } from '../db/client';
import { allStreets } from '../db/streets';

export type LoginOutcome =
  /** Logged in: a new session whose token goes in the cookie. */
  | { ok: true; user: User; token: string }
  /** Too many failed logins (the policy's rule); the client may try again in `retryAfter` seconds. */
  | { ok: false; refusal: 'throttled'; retryAfter: number }
  /** No such account, a wrong password or a disabled account: the answer does not say which. */
  | { ok: false; refusal: 'wrong' };

/**
 * Checks a password and opens a session. The attempt is counted as a failure before the
 * password is checked, and released if it proves right (or is refused by the throttle).
 */
export async function logIn(env: Env, username: string, password: string, client: string): Promise<LoginOutcome> {
  const db = database(env.DB);
  const buckets = loginBuckets(username, client);
  const claim = await claimAttempt(env.DB, [...buckets], LOGIN_LIMITS);
  const decision = loginDecision(claim.tallies);
  if (!decision.allow) {
    await releaseAttempt(env.DB, claim);
    return { ok: false, refusal: 'throttled', retryAfter: decision.retryAfter };
  }
  await ensureAdmin(db, env, username);
  const account = await findAccount(db, username);
  const ok = await verifyPassword(password, account?.password_hash ?? DECOY_HASH);
  if (!account || !ok || account.disabled) return { ok: false, refusal: 'wrong' };
  await releaseAttempt(env.DB, claim);
  await clearBucket(env.DB, buckets[0]);
  await pruneSessions(db, username);
  const token = newToken();
  await createSession(db, username, await tokenHash(token), SESSION_SECONDS);
  return { ok: true, user: toUser(account), token };
}

/** An account as administrators see it. */
export type AccountView = User & { disabled: boolean };
const view = (a: Account): AccountView => ({ ...toUser(a), disabled: a.disabled });

export type AccountOutcome =
  | { ok: true; account: AccountView }
  /** Unknown street codes, or an editor without a street. */
  | { ok: false; refusal: 'streets'; reason: string }
  | { ok: false; refusal: 'taken' }
  | { ok: false; refusal: 'not_found' }
  /** An administrator may not demote or disable their own account. */
  | { ok: false; refusal: 'self' };

/** Why these streets cannot be an account's, or null: every code known, and an editor has one. */
async function streetsProblem(d1: D1Database, role: Role, codes: string[]): Promise<string | null> {
  const known = await allStreets(d1);
  const unknown = codes.filter((c) => !known.has(c));
  return unknown.length
    ? `unknown street code(s) ${unknown.join(', ')}`
    : role === 'editor' && !codes.length
      ? 'an editor needs at least one street'
      : null;
}

export async function accounts(d1: D1Database): Promise<AccountView[]> {
  return (await listAccounts(database(d1))).map(view);
}

/** Creates an account; an administrator has every street, so none are kept for one. */
export async function openAccount(d1: D1Database, input: AccountInput): Promise<AccountOutcome> {
  const street_codes = input.role === 'admin' ? [] : [...new Set(input.street_codes)];
  const reason = await streetsProblem(d1, input.role, street_codes);
  if (reason) return { ok: false, refusal: 'streets', reason };
  const db = database(d1);
  if (!(await createAccount(db, { ...input, street_codes }))) return { ok: false, refusal: 'taken' };
  return { ok: true, account: view((await findAccount(db, input.username))!) };
}

/** Changes an account on behalf of `actor`; a new password or disabling ends its sessions. */
export async function changeAccount(
  d1: D1Database,
  actor: User,
  username: string,
  patch: AccountPatch,
): Promise<AccountOutcome> {
  const db = database(d1);
  const account = await findAccount(db, username);
  if (!account) return { ok: false, refusal: 'not_found' };
  if (username === actor.username && (patch.disabled || patch.role === 'editor')) return { ok: false, refusal: 'self' };
  const role = patch.role ?? account.role;
  const street_codes = role === 'admin' ? [] : (patch.street_codes ?? account.street_codes);
  const reason = await streetsProblem(d1, role, street_codes);
  if (reason) return { ok: false, refusal: 'streets', reason };
  await updateAccount(db, username, { ...patch, street_codes: [...new Set(street_codes)] });
  return { ok: true, account: view((await findAccount(db, username))!) };
}
