// Refuses request bodies over a size with a 413 problem before they are read whole.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProblemError } from '../http/problem';

export function maxBody(bytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw new ProblemError(413, { detail: `The request body is larger than ${Math.round(bytes / 1024)} KB` });
    },
  });
}
