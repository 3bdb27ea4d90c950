// Public reports on sites and their resolution by the street office: filing one (limited
// per client, merged into an identical open report), and resolving one linked to the change
// that fixed it. Answers plain outcomes; routes/reports.ts turns refusals into problems.

import { secondsUntilFree } from '../auth/throttle';
import { mayEdit, type User } from '../auth/user';
import { claimAttempt, releaseAttempt, type Window } from '../db/attempts';
import { database } from '../db/client';
import { changeOf, fileReport, getReport, type ReportView, resolveReport } from '../db/reports';
import { getSite } from '../db/sites';

/** Public reports one client may send in the window. */
export const REPORT_LIMIT: Window & { limit: number } = { limit: 5, windowSeconds: 10 * 60 };

export type FileOutcome =
  | { ok: true; created: boolean; report: ReportView }
  /** The client sent REPORT_LIMIT reports in the window; it may again in `retryAfter` seconds. */
  | { ok: false; refusal: 'throttled'; retryAfter: number }
  | { ok: false; refusal: 'not_found' }
  /** The site holds as many distinct open reports as it may (SITE_OPEN_REPORTS_CAP). */
  | { ok: false; refusal: 'site_full' };

/** Files a report on a site from a client; a refused report does not count against the client. */
export async function fileSiteReport(
  d1: D1Database,
  client: string,
  siteId: number,
  category: ReportView['category'],
  note: string | null,
): Promise<FileOutcome> {
  const claim = await claimAttempt(d1, [`report:ip:${client}`], REPORT_LIMIT);
  if (claim.tallies[0]!.count > REPORT_LIMIT.limit) {
    await releaseAttempt(d1, claim);
    return { ok: false, refusal: 'throttled', retryAfter: secondsUntilFree(claim.tallies[0]!, REPORT_LIMIT) };
  }
  if (!(await getSite(database(d1), siteId))) {
    await releaseAttempt(d1, claim);
    return { ok: false, refusal: 'not_found' };
  }
  const filed = await fileReport(d1, siteId, category, note);
  if (filed.outcome === 'site_full') {
    await releaseAttempt(d1, claim);
    return { ok: false, refusal: 'site_full' };
  }
  return { ok: true, created: filed.outcome === 'created', report: filed.report };
}

export type ResolveOutcome =
  | { ok: true; report: ReportView }
  | { ok: false; refusal: 'not_found' }
  | { ok: false; refusal: 'outside'; street: string }
  | { ok: false; refusal: 'resolved' }
  /** The change is not one of the reported site's. */
  | { ok: false; refusal: 'foreign_change'; siteId: number }
  /** The change already answers another report. */
  | { ok: false; refusal: 'change_taken'; changeId: number; reportId: number };

/** Marks a report resolved by a user who may change its site, linked to the change that fixed it (if any). */
export async function resolveSiteReport(
  d1: D1Database,
  user: User,
  id: number,
  changeId: number | undefined,
  note: string | null,
): Promise<ResolveOutcome> {
  const report = await getReport(d1, id);
  if (!report) return { ok: false, refusal: 'not_found' };
  if (!mayEdit(user, report.street_code)) return { ok: false, refusal: 'outside', street: report.street_code };
  if (report.status === 'resolved') return { ok: false, refusal: 'resolved' };
  if (changeId !== undefined) {
    const change = await changeOf(d1, changeId);
    if (change?.site_id !== report.site_id) return { ok: false, refusal: 'foreign_change', siteId: report.site_id };
    if (change.report_id !== null && change.report_id !== id)
      return { ok: false, refusal: 'change_taken', changeId, reportId: change.report_id };
  }
  if (!(await resolveReport(d1, id, user.username, changeId ?? null, note))) {
    // Someone else resolved it, or linked the change, between the checks and the write.
    const now = await getReport(d1, id);
    if (now?.status === 'resolved') return { ok: false, refusal: 'resolved' };
    return {
      ok: false,
      refusal: 'change_taken',
      changeId: changeId!,
      reportId: (await changeOf(d1, changeId!))?.report_id ?? 0,
    };
  }
  return { ok: true, report: (await getReport(d1, id))! };
}
