// One typed function per console API call (contract: issue 5).
import { request } from './api';
import type { Account, Change, ConsoleSite, ReportPage, Site, Street, User } from './types';
import type { SiteInput, SitePatch } from './site-input';

export const login = (username: string, password: string) =>
  request<{ user: User }>('POST', '/auth/login', { username, password });
export const logout = () => request<void>('POST', '/auth/logout');
export const me = () => request<{ user: User }>('GET', '/auth/me');

export function listSites(filter: { q?: string; status?: string; street_code?: string }) {
  const query = new URLSearchParams();
  if (filter.q) query.set('q', filter.q);
  if (filter.status) query.set('status', filter.status);
  if (filter.street_code) query.set('street_code', filter.street_code);
  const qs = query.toString();
  return request<{ data: ConsoleSite[] }>('GET', `/console/sites${qs ? `?${qs}` : ''}`);
}

export const getSite = (id: number) => request<Site>('GET', `/sites/${id}`);
export const createSite = (input: SiteInput) => request<Site>('POST', '/sites', input);
export const updateSite = (id: number, patch: SitePatch) => request<Site>('PATCH', `/sites/${id}`, patch);
export const retireSite = (id: number) => request<Site>('DELETE', `/sites/${id}`);
export const restoreSite = (id: number) => request<Site>('POST', `/sites/${id}/restore`);
export const verifySite = (id: number) => request<Site>('POST', `/sites/${id}/verify`);
export const siteHistory = (id: number) => request<{ data: Change[] }>('GET', `/sites/${id}/history`);

/** A page of the open reports, the most recently reported first; `cursor` is the previous page's `next_cursor`. */
export const openReports = (cursor?: string | null) =>
  request<ReportPage>('GET', `/reports?status=open${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
export const resolveReport = (id: number, body: { change_id?: number; note?: string }) =>
  request<unknown>('POST', `/reports/${id}/resolve`, body);

export const listAccounts = () => request<{ data: Account[] }>('GET', '/accounts');
export const createAccount = (body: { username: string; display_name: string; password: string; role: string; street_codes: string[] }) =>
  request<Account>('POST', '/accounts', body);

export interface HoursPreview {
  valid: true;
  normalized: string;
  converted: boolean;
  warnings: { code: string; zh: string; en: string; position: number; fix: string }[];
  reading: { zh: string; en: string };
  intervals: { from: string; to: string; unknown?: boolean }[];
  days: { date: string; holiday: string | null; makeup_workday: boolean; calendar: 'official' | 'statutory' | null }[];
}
export function previewHours(value: string, followsWorkdayCalendar: boolean, days = 7) {
  const query = new URLSearchParams({ value, days: String(days), follows_workday_calendar: String(followsWorkdayCalendar) });
  return request<HoursPreview>('GET', `/opening-hours?${query}`);
}

export interface HolidayPeriodInput { name: string; en: string; from: string; to: string; workdays: string[] }
export interface HolidayYearView {
  year: number;
  calendar: 'official' | 'statutory' | 'none';
  source: string | null;
  periods: HolidayPeriodInput[];
  days: { date: string; holiday: string | null; makeup_workday: boolean }[];
  entered: { version: number; updated_at: string; updated_by: string } | null;
}
export interface CalendarCoverage { years: { year: number; status: 'official' | 'statutory' | 'none' }[]; next_year_due: boolean }
export const calendarCoverage = () => request<CalendarCoverage>('GET', '/holiday-calendar/coverage');
export const holidayYear = (year: number) => request<HolidayYearView>('GET', `/holiday-calendar/${year}`);
export const saveHolidayYear = (year: number, body: { source: string; periods: HolidayPeriodInput[]; version?: number }, dryRun: boolean) =>
  request<HolidayYearView>('PUT', `/holiday-calendar/${year}${dryRun ? '?dry_run=true' : ''}`, body);

export const listStreets = () => request<{ data: Street[] }>('GET', '/streets');
