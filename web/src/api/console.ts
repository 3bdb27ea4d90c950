// The calls of the street-office console, one function each. Types and paths come from the
// OpenAPI document (./schema.gen.ts); every failure is an ApiError (./problem.ts).
import { api, dataOf } from './client';
import type { HolidayArrangementInput, NewAccount, Site, SiteCreate, SitePatch } from './types';

const path = (id: number) => ({ path: { id: String(id) } });

export const login = (username: string, password: string) =>
  dataOf(api.POST('/api/v1/auth/login', { body: { username, password } }));
export const logout = () => dataOf(api.POST('/api/v1/auth/logout'));
export const me = () => dataOf(api.GET('/api/v1/auth/me'));

export function listSites(filter: { q?: string; status?: Site['status']; street_code?: string }) {
  const query = {
    ...(filter.q ? { q: filter.q } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.street_code ? { street_code: filter.street_code } : {}),
  };
  return dataOf(api.GET('/api/v1/console/sites', { params: { query } }));
}

export const getSite = (id: number) => dataOf(api.GET('/api/v1/sites/{id}', { params: path(id) }));
export const createSite = (body: SiteCreate) => dataOf(api.POST('/api/v1/sites', { body }));
export const updateSite = (id: number, body: SitePatch) =>
  dataOf(api.PATCH('/api/v1/sites/{id}', { params: path(id), body }));
export const retireSite = (id: number) => dataOf(api.DELETE('/api/v1/sites/{id}', { params: path(id) }));
export const restoreSite = (id: number) => dataOf(api.POST('/api/v1/sites/{id}/restore', { params: path(id) }));
export const verifySite = (id: number) => dataOf(api.POST('/api/v1/sites/{id}/verify', { params: path(id) }));
export const siteHistory = (id: number) => dataOf(api.GET('/api/v1/sites/{id}/history', { params: path(id) }));

/** A page of the open reports, the most recently reported first; `cursor` is the previous page's `next_cursor`. */
export const openReports = (cursor?: string | null) =>
  dataOf(api.GET('/api/v1/reports', { params: { query: { status: 'open', ...(cursor ? { cursor } : {}) } } }));
export const resolveReport = (id: number, body: { change_id?: number; note?: string }) =>
  dataOf(api.POST('/api/v1/reports/{id}/resolve', { params: path(id), body }));

export const listAccounts = () => dataOf(api.GET('/api/v1/accounts'));
export const createAccount = (body: NewAccount) => dataOf(api.POST('/api/v1/accounts', { body }));

export const previewHours = (value: string, followsWorkdayCalendar: boolean, days = 7) =>
  dataOf(
    api.GET('/api/v1/opening-hours', {
      params: { query: { value, days, follows_workday_calendar: followsWorkdayCalendar ? 'true' : 'false' } },
    }),
  );

export const calendarCoverage = () => dataOf(api.GET('/api/v1/holiday-calendar/coverage'));
export const holidayYear = (year: number) =>
  dataOf(api.GET('/api/v1/holiday-calendar/{year}', { params: { path: { year: String(year) } } }));
export const saveHolidayYear = (year: number, body: HolidayArrangementInput, dryRun: boolean) =>
  dataOf(
    api.PUT('/api/v1/holiday-calendar/{year}', {
      params: { path: { year: String(year) }, query: dryRun ? { dry_run: 'true' } : {} },
      body,
    }),
  );

export const listStreets = () => dataOf(api.GET('/api/v1/streets'));
