// The linli worker: the JSON API under /api/v1. Static files (web/dist) are served
// by Workers assets; only /api/* reaches this app (wrangler.toml run_worker_first).
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { sameOrigin } from './auth/csrf';
import { API_POLICY, COMMON_HEADERS } from './core/security-policy';
import { withCalendar } from './http/calendar';
import { docsPage } from './http/docs-page';
import { completeDocument } from './http/openapi-document';
import { ProblemError, problem } from './http/problem';
import { router } from './http/router';
import { accountRoutes } from './routes/accounts';
import { auth } from './routes/auth';
import { consoleRoutes } from './routes/console';
import { exports } from './routes/exports';
import { health } from './routes/health';
import { holidayCalendar } from './routes/holiday-calendar';
import { hsds } from './routes/hsds';
import { imports } from './routes/imports';
import { openingHoursPreview } from './routes/opening-hours';
import { reports, siteReports } from './routes/reports';
import { siteDownloads } from './routes/site-downloads';
import { siteSearch } from './routes/site-search';
import { siteWrites } from './routes/site-writes';
import { sites } from './routes/sites';
import { streets } from './routes/streets';

const OPENAPI_PATH = '/api/v1/openapi.json';

export const app = router();
// Security headers on every API answer, errors included (pages and assets get theirs from _headers).
app.use(
  '/api/*',
  secureHeaders({
    crossOriginResourcePolicy: 'same-origin',
    xFrameOptions: COMMON_HEADERS['X-Frame-Options']!,
    referrerPolicy: COMMON_HEADERS['Referrer-Policy']!,
    contentSecurityPolicy: { ...API_POLICY, styleSrc: [NONCE] },
  }),
);
// CSRF: every state-changing API request must come from this app's own origin.
app.use('/api/*', sameOrigin());

// Opening hours are evaluated with the holiday arrangements administrators entered.
app.use('/api/v1/*', withCalendar());

app.route('/api/v1/health', health);
app.route('/api/v1/opening-hours', openingHoursPreview);
app.route('/api/v1/holiday-calendar', holidayCalendar);
app.route('/api/v1/auth', auth);
app.route('/api/v1/streets', streets);
// Geo search before /{id}, so /nearby is not read as an id.
app.route('/api/v1/sites', siteDownloads); // nearby.csv, view.geojson …: before /{id} too
app.route('/api/v1/sites', siteSearch);
app.route('/api/v1/sites', sites);
// Console writes (POST, PATCH, DELETE, /:id/restore, /:id/verify, /:id/history); public GETs stay above.
app.route('/api/v1/sites', siteWrites);
app.route('/api/v1/sites', siteReports);
app.route('/api/v1/reports', reports);
app.route('/api/v1/console', consoleRoutes);
app.route('/api/v1/accounts', accountRoutes);
app.route('/api/v1/imports', imports);
app.route('/api/v1/exports', exports);
app.route('/api/hsds', hsds);

const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'linli 邻里',
    version: '1',
    description:
      'Find rest stations for outdoor workers, elder-care services and parks near you, and keep them up to date.',
  },
};
let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
/** Built on first use, then kept: the routes do not change while the isolate lives. */
export const openApiDocument = () => (document ??= completeDocument(app.getOpenAPI31Document(documentConfig) as never));
app.get(OPENAPI_PATH, (c) => c.json(openApiDocument()));
app.get('/api/v1/docs', (c) =>
  c.html(docsPage(openApiDocument() as never, OPENAPI_PATH, c.get('secureHeadersNonce' as never) as string)),
);

app.notFound((c) => problem(c, 404, { detail: `No API route ${c.req.method} ${c.req.path}` }));

app.onError((err, c) => {
  if (err instanceof ProblemError) return problem(c, err.status, err.fields);
  if (err instanceof HTTPException) {
    return problem(c, err.status as ContentfulStatusCode, { detail: err.message || undefined });
  }
  console.error('unhandled error', c.req.method, c.req.path, err);
  return problem(c, 500, { detail: 'Something went wrong on our side; the error has been logged.' });
});
