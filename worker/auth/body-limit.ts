// Request bodies: refused over a size with a 413 before they are read whole; a JSON body
// must also be valid UTF-8 without lone surrogates (`"\ud800"`), or it is a 400 — JSON.parse
// would otherwise turn invalid bytes into U+FFFD silently and keep lone surrogates, which
// D1 stores as invalid UTF-8.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { loneSurrogatePath } from '../core/text-rules';
import { ProblemError } from '../http/problem';

const isJson = (type: string | undefined) => /^application\/([\w.+-]+\+)?json\b/i.test(type ?? '');

function wellFormedJson(): MiddlewareHandler {
  return async function wellFormedJsonBody(c, next) {
    if (isJson(c.req.header('content-type'))) {
      // Read outside the try: an over-long body must reach bodyLimit's 413, not become a 400.
      const bytes = await c.req.arrayBuffer();
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
      } catch {
        throw new ProblemError(400, {
          detail: 'The body is not valid UTF-8',
          invalid_params: [{ name: 'body', in: 'body', reason: 'is not valid UTF-8' }],
        });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined; // malformed JSON: the route's validator answers it
      }
      const path = loneSurrogatePath(parsed);
      if (path) {
        const name = path.join('.') || 'body';
        throw new ProblemError(400, {
          detail: `${name}: is not valid Unicode (a lone surrogate)`,
          invalid_params: [{ name, in: 'body', reason: 'is not valid Unicode (a lone surrogate)' }],
        });
      }
    }
    await next();
  };
}

export function maxBody(bytes: number): MiddlewareHandler {
  return every(
    bodyLimit({
      maxSize: bytes,
      onError: () => {
        throw new ProblemError(413, { detail: `The request body is larger than ${Math.round(bytes / 1024)} KB` });
      },
    }),
    wellFormedJson(),
  );
}
