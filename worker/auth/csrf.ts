// CSRF defence: a state-changing request (POST, PUT, PATCH, DELETE, whatever its
// body type) must carry an Origin equal to the app's own. Browsers always send
// Origin on such requests, and a page elsewhere cannot forge it.
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../http/problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOrigin(): MiddlewareHandler {
  return async function sameOriginCheck(c, next) {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== new URL(c.req.url).origin) {
        throw new ProblemError(403, {
          detail: origin
            ? `Requests from ${origin} may not change data here`
            : 'A state-changing request must carry an Origin header',
          invalid_params: [{ name: 'origin', in: 'header', reason: 'must be the origin of this site' }],
        });
      }
    }
    await next();
  };
}
