// Shapes of the console API's answers (see the API contract; Site comes from the worker).
import type { Site } from '#core';

export type { Site };

export type Role = 'admin' | 'editor';

export interface User {
  username: string;
  display_name: string;
  role: Role;
  street_codes: string[];
}

export type ConsoleSite = Site & { stale: boolean };

export type ChangeAction = 'create' | 'update' | 'retire' | 'restore' | 'verify' | 'import';

export interface Change {
  id: number;
  at: string;
  actor: string;
  action: ChangeAction;
  before: Site | null;
  after: Site;
  report_id: number | null;
}

export type ReportCategory = 'closed' | 'wrong_place' | 'wrong_hours' | 'other';

export interface Report {
  id: number;
  site_id: number;
  site_name: string;
  category: ReportCategory;
  note: string | null;
  created_at: string;
  /** Identical reports merged into this one. */
  count: number;
  last_reported_at: string;
  status: string;
  resolved_change_id: number | null;
}

export interface ReportPage {
  data: Report[];
  meta: { total: number; limit: number; next_cursor: string | null };
}

export interface Account {
  username: string;
  display_name: string;
  role: Role;
  street_codes: string[];
  disabled?: boolean;
}

export interface ImportResult {
  dry_run: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface Street {
  code: string;
  name: string;
  district_code: string;
  district_name: string;
}
