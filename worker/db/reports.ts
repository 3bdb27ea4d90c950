// Public reports about sites, and the street offices' queue of them.
import type { User } from '../auth/user';
import type { REPORT_CATEGORIES } from './schema/reports';

export interface ReportView {
  id: number;
  site_id: number;
  site_name: string;
  street_code: string;
  category: (typeof REPORT_CATEGORIES)[number];
  note: string | null;
  created_at: string;
  status: 'open' | 'resolved';
  resolved_change_id: number | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
}

const SELECT = `SELECT r.id, r.site_id, s.name AS site_name, s.street_code, r.category, r.note, r.created_at, r.status,
  r.resolved_change_id, r.resolved_by, r.resolved_at, r.resolution_note
  FROM reports r JOIN sites s ON s.id = r.site_id`;

export async function addReport(d1: D1Database, siteId: number, category: ReportView['category'], note: string | null): Promise<ReportView> {
  const row = await d1.prepare('INSERT INTO reports (site_id, category, note, created_at) VALUES (?, ?, ?, ?) RETURNING id')
    .bind(siteId, category, note, new Date().toISOString()).first<{ id: number }>();
  return (await getReport(d1, row!.id))!;
}

export async function getReport(d1: D1Database, id: number): Promise<ReportView | null> {
  return d1.prepare(`${SELECT} WHERE r.id = ?`).bind(id).first<ReportView>();
}

/** The reports on sites the user is responsible for, oldest open first. */
export async function reportQueue(d1: D1Database, user: User, status: 'open' | 'resolved' | 'all'): Promise<ReportView[]> {
  const where: string[] = [];
  const binds: string[] = [];
  if (status !== 'all') {
    where.push('r.status = ?');
    binds.push(status);
  }
  if (user.role !== 'admin') {
    where.push('s.street_code IN (SELECT value FROM json_each(?))');
    binds.push(JSON.stringify(user.street_codes));
  }
  const { results } = await d1.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY r.status = 'resolved', r.created_at LIMIT 1000`).bind(...binds).all<ReportView>();
  return results;
}

/** The site a change belongs to, or null for no such change. */
export async function changeSite(d1: D1Database, changeId: number): Promise<number | null> {
  return d1.prepare('SELECT site_id FROM site_changes WHERE id = ?').bind(changeId).first<number>('site_id');
}

/** Marks a report resolved and, given the change that fixed it, links the change back to it. */
export async function resolveReport(d1: D1Database, id: number, actor: string, changeId: number | null, note: string | null) {
  await d1.batch([
    d1.prepare(`UPDATE reports SET status = 'resolved', resolved_change_id = ?, resolved_by = ?, resolved_at = ?, resolution_note = ?
      WHERE id = ?`).bind(changeId, actor, new Date().toISOString(), note, id),
    ...(changeId === null ? [] : [d1.prepare('UPDATE site_changes SET report_id = ? WHERE id = ?').bind(id, changeId)]),
  ]);
}
