// Who is calling, and what they may change.
import { z } from '@hono/zod-openapi';
import { ProblemError } from '../http/problem';

export const ROLES = ['admin', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export const UserSchema = z
  .object({
    username: z.string(),
    display_name: z.string(),
    role: z
      .enum(ROLES)
      .openapi({ description: '`admin`: every street and the accounts; `editor`: the listed streets' }),
    street_codes: z.array(z.string()).openapi({ description: 'The streets an editor may change (empty for an admin)' }),
  })
  .openapi('User');

export type User = z.infer<typeof UserSchema>;

/** Whether the user may change sites of this street. */
export function mayEdit(user: User, streetCode: string): boolean {
  return user.role === 'admin' || user.street_codes.includes(streetCode);
}

/** The 403 for streets outside the user's. */
export const outsideStreets = (user: User, outside: readonly string[]) =>
  new ProblemError(403, {
    detail: `Account ${user.username} may not change sites of street ${[...new Set(outside)].join(', ')}`,
    invalid_params: [{ name: 'street_code', in: 'body', reason: 'outside your streets' }],
  });

/** Ends the request with a 403 unless the user may change sites of every given street. */
export function assertMayEdit(user: User, ...streetCodes: string[]): void {
  const outside = streetCodes.filter((code) => !mayEdit(user, code));
  if (outside.length) throw outsideStreets(user, outside);
}

export function assertAdmin(user: User): void {
  if (user.role !== 'admin') throw new ProblemError(403, { detail: 'Only a city administrator may do this' });
}
