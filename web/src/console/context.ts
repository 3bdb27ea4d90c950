// What every console view is given: the signed-in user, where to draw, and how to
// navigate, announce and report errors.
import { ApiError } from '../api/problem';
import type { Street, User } from '../api/types';
import { fill } from '../i18n';
import { t } from '../i18n/console';
import type { Route } from './routes';

export interface ViewContext {
  user: User;
  /** The <main> element the view fills. */
  main: HTMLElement;
  go(route: Route): void;
  /** Says something in the polite live region (and on screen). */
  announce(message: string): void;
  /** Handles an error no form field can show: a lost session returns to the login form. */
  fail(error: unknown): void;
  /** The street list, fetched once. */
  streets(): Promise<Street[]>;
}

/** A sentence for an error, whatever threw it. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError)
    return error.status === 0 ? t().network_error : fill(t().error, { detail: error.detail });
  return fill(t().error, { detail: error instanceof Error ? error.message : String(error) });
}
