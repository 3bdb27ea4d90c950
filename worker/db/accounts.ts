// Accounts and sessions in D1.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { Role, User } from '../auth/user';
import type { Database } from './client';
import { type AccountRow, accountStreets, accounts, sessions } from './schema';

export interface Account extends User {
  password_hash: string;
  disabled: boolean;
}

async function streetsOf(db: Database, usernames: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>(usernames.map((u) => [u, []]));
  if (!usernames.length) return byUser;
  const rows = await db
    .select()
    .from(accountStreets)
    .where(inArray(accountStreets.username, usernames))
    .orderBy(asc(accountStreets.street_code));
  for (const row of rows) byUser.get(row.username)?.push(row.street_code);
  return byUser;
}

const toAccount = (row: AccountRow, streetCodes: string[]): Account => ({
  username: row.username,
  display_name: row.display_name,
  role: row.role,
  street_codes: row.role === 'admin' ? [] : streetCodes,
  password_hash: row.password_hash,
  disabled: row.disabled,
});

export const toUser = ({ username, display_name, role, street_codes }: Account): User => ({
  username,
  display_name,
  role,
  street_codes,
});

export async function findAccount(db: Database, username: string): Promise<Account | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username)).limit(1);
  if (!row) return undefined;
  return toAccount(row, (await streetsOf(db, [row.username])).get(row.username) ?? []);
}

export async function listAccounts(db: Database): Promise<Account[]> {
  const rows = await db.select().from(accounts).orderBy(asc(accounts.username));
  const streetsBy = await streetsOf(
    db,
    rows.map((r) => r.username),
  );
  return rows.map((r) => toAccount(r, streetsBy.get(r.username) ?? []));
}

export interface AccountInput {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  street_codes: string[];
}

/** Creates an account; false when the username is taken. */
export async function createAccount(db: Database, input: AccountInput): Promise<boolean> {
  const password_hash = await hashPassword(input.password);
  const insert = db
    .insert(accounts)
    .values({
      username: input.username,
      display_name: input.display_name,
      role: input.role,
      password_hash,
    })
    .onConflictDoNothing()
    .returning({ username: accounts.username });
  const [created] = await insert;
  if (!created) return false;
  if (input.role === 'editor' && input.street_codes.length) {
    await db
      .insert(accountStreets)
      .values(input.street_codes.map((street_code) => ({ username: input.username, street_code })));
  }
  return true;
}

export interface AccountPatch {
  display_name?: string;
  password?: string;
  role?: Role;
  street_codes?: string[];
  disabled?: boolean;
}

/** Applies the changes in one batch; a new password or disabling ends the account's sessions. */
export async function updateAccount(db: Database, username: string, patch: AccountPatch): Promise<void> {
  const set: Partial<AccountRow> = { updated_at: new Date().toISOString() };
  if (patch.display_name !== undefined) set.display_name = patch.display_name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (patch.password !== undefined) set.password_hash = await hashPassword(patch.password);
  const streetsChanged = patch.street_codes !== undefined;
  await db.batch([
    db.update(accounts).set(set).where(eq(accounts.username, username)),
    ...(streetsChanged ? [db.delete(accountStreets).where(eq(accountStreets.username, username))] : []),
    ...(streetsChanged && patch.street_codes!.length
      ? [db.insert(accountStreets).values(patch.street_codes!.map((street_code) => ({ username, street_code })))]
      : []),
    ...(patch.password !== undefined || patch.disabled
      ? [db.delete(sessions).where(eq(sessions.username, username))]
      : []),
  ]);
}

/**
 * The first administrator comes from the ADMIN_USERNAME / ADMIN_PASSWORD secrets: created
 * on the first login attempt with that name, and left alone after (its password may change).
 */
export async function ensureAdmin(db: Database, env: Pick<Env, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD'>, username: string) {
  if (!env.ADMIN_USERNAME || !env.ADMIN_PASSWORD || username !== env.ADMIN_USERNAME) return;
  const [existing] = await db
    .select({ username: accounts.username })
    .from(accounts)
    .where(eq(accounts.username, username));
  if (existing) return;
  await db
    .insert(accounts)
    .values({
      username,
      display_name: '城市管理员',
      role: 'admin',
      password_hash: await hashPassword(env.ADMIN_PASSWORD),
    })
    .onConflictDoNothing();
}

export async function createSession(db: Database, username: string, token_hash: string, seconds: number) {
  const expires_at = new Date(Date.now() + seconds * 1000).toISOString();
  await db.insert(sessions).values({ token_hash, username, expires_at });
}

/** The user of an unexpired session of an enabled account. */
export async function sessionUser(db: Database, token_hash: string): Promise<User | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.username, sessions.username))
    .where(
      and(
        eq(sessions.token_hash, token_hash),
        gt(sessions.expires_at, new Date().toISOString()),
        eq(accounts.disabled, false),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  const streetCodes = (await streetsOf(db, [row.account.username])).get(row.account.username) ?? [];
  return toUser(toAccount(row.account, streetCodes));
}

export async function deleteSession(db: Database, token_hash: string) {
  await db.delete(sessions).where(eq(sessions.token_hash, token_hash));
}

/** Drops a user's expired sessions, so the table does not grow without bound. */
export async function pruneSessions(db: Database, username: string) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.username, username), sql`${sessions.expires_at} <= ${new Date().toISOString()}`));
}
