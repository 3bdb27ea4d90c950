// The web's one API client at its boundary (web/src/api/client.ts, problem.ts): answers become
// data or an ApiError carrying the problem as the OpenAPI document and the core describe it.
import { describe, expect, it } from 'vitest';
import { answer } from '../../web/src/api/client';
import { ApiError, toApiError } from '../../web/src/api/problem';

const problemAnswer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Promise.resolve({
    error: body,
    response: new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    }),
  });

describe('a problem answer', () => {
  it('keeps an import problem of the whole row or file as having no column, with its Chinese reason', () => {
    const error = toApiError(
      422,
      {
        title: 'The data cannot be accepted',
        detail: '2 problems',
        errors: [
          { row: 1, column: null, reason: 'lat and lng go together' },
          { row: 3, column: '纬度', reason: 'not a number', reason_zh: '不是数字' },
        ],
      },
      null,
    );
    expect(error.rowErrors).toEqual([
      { row: 1, column: null, reason: 'lat and lng go together' },
      { row: 3, column: '纬度', reason: 'not a number', reason_zh: '不是数字' },
    ]);
  });

  it('becomes an ApiError with the fields named, the record as it is now and the wait asked for', async () => {
    const current = { id: 41, name: '劲松驿站', version: 4 };
    const call = problemAnswer(
      409,
      {
        title: 'Conflict',
        detail: 'changed',
        invalid_params: [{ name: 'version', in: 'body', reason: 'stale' }],
        current,
      },
      { 'retry-after': '30' },
    );
    const error = await answer(call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { status, detail, invalidParams, retryAfter } = error as ApiError;
    expect([status, detail, invalidParams[0]?.name, (error as ApiError).current?.id, retryAfter]).toEqual([
      409,
      'changed',
      'version',
      41,
      30,
    ]);
  });

  it("says the status when the body is not a problem (a proxy's page)", () => {
    expect(toApiError(502, '<html>bad gateway</html>', null).detail).toBe('HTTP 502');
  });
});

describe('a successful answer', () => {
  it('gives the data and the response (the map reads whether the service worker answered from its cache)', async () => {
    const response = new Response('{"data":[]}', { status: 200, headers: { 'x-linli-from-cache': '1' } });
    const { data, response: r } = await answer(Promise.resolve({ data: { data: [] }, response }));
    expect(data).toEqual({ data: [] });
    expect(r.headers.has('x-linli-from-cache')).toBe(true);
  });

  it('is a 502 ApiError, not a crash in a view, when its body is not the JSON promised', async () => {
    const error = await answer(Promise.reject(new SyntaxError('Unexpected token <'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
  });

  it('lets the offline error through as it is, status 0', async () => {
    const error = await answer(Promise.reject(new ApiError(0, 'offline'))).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(0);
  });
});
