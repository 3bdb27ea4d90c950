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
  /** Identical reports (same category and note) merged into this one while it was open. */
  count: number;
  last_reported_at: string;
  status: 'open' | 'resolved';
  resolved_change_id: number | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
}

/** Distinct open reports one site may hold; identical ones are still counted beyond it. */
export const SITE_OPEN_REPORTS_CAP = 10;

const SELECT = `SELECT r.id, r.site_id, s.name AS site_name, s.street_code, r.category, r.note, r.created_at, r.count,
  r.last_reported_at, r.status, r.resolved_change_id, r.resolved_by, r.resolved_at, r.resolution_note
  FROM reports r JOIN sites s ON s.id = r.site_id`;

export type Filed = { outcome: 'created' | 'merged'; report: ReportView } | { outcome: 'site_full' };

/**
 * Files a report: counted into an identical open report of the site when there is one,
 * else a new report unless the site already holds SITE_OPEN_REPORTS_CAP open ones. One
 * batch (one transaction), so parallel identical reports cannot both create a row.
 */
export async function fileReport(
  d1: D1Database,
  siteId: number,
  category: ReportView['category'],
  note: string | null,
): Promise<Filed> {
  const now = new Date().toISOString();
  const identical = "site_id = ?1 AND status = 'open' AND category = ?2 AND note IS ?3";
  const [merged, created] = await d1.batch<{ id: number }>([
    d1
      .prepare(`UPDATE reports SET count = count + 1, last_reported_at = ?4
      WHERE id = (SELECT id FROM reports WHERE ${identical} ORDER BY id LIMIT 1) RETURNING id`)
      .bind(siteId, category, note, now),
    d1
      .prepare(`INSERT INTO reports (site_id, category, note, created_at, last_reported_at)
      SELECT ?1, ?2, ?3, ?4, ?4 WHERE NOT EXISTS (SELECT 1 FROM reports WHERE ${identical})
        AND (SELECT count(*) FROM reports WHERE site_id = ?1 AND status = 'open') < ?5 RETURNING id`)
      .bind(siteId, category, note, now, SITE_OPEN_REPORTS_CAP),
  ]);
  const mergedId = merged!.results[0]?.id;
  if (mergedId !== undefined) return { outcome: 'merged', report: (await getReport(d1, mergedId))! };
  const createdId = created!.results[0]?.id;
  if (createdId !== undefined) return { outcome: 'created', report: (await getReport(d1, createdId))! };
  return { outcome: 'site_full' };
}

export async function getReport(d1: D1Database, id: number): Promise<ReportView | null> {
  return d1.prepare(`${SELECT} WHERE r.id = ?`).bind(id).first<ReportView>();
}

/** Where a page of the queue ends: the last row's (last_reported_at, id). */
export interface QueueCursor {
  last_reported_at: string;
  id: number;
}

const encodeCursor = (c: QueueCursor) => btoa(`${c.last_reported_at}|${c.id}`).replace(/=+$/, '');

/** The cursor a client sent back, or null when it is not one of ours. */
export function decodeCursor(text: string): QueueCursor | null {
  let plain: string;
  try {
    plain = atob(text);
  } catch {
    return null;
  }
  const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)\|([1-9]\d{0,14})$/.exec(plain);
  return match ? { last_reported_at: match[1]!, id: Number(match[2]) } : null;
}

export interface QueueQuery {
  status: 'open' | 'resolved' | 'all';
  limit: number;
  cursor?: QueueCursor;
}

export interface QueuePage {
  data: ReportView[];
  /** Reports matching the query on all pages. */
  total: number;
  next_cursor: string | null;
}

/** A page of the reports on sites the user is responsible for, the most recently reported first. */
export async function reportQueue(d1: D1Database, user: User, query: QueueQuery): Promise<QueuePage> {
  const where: string[] = [];
  const binds: (string | number)[] = [];
  const param = (value: string | number) => `?${binds.push(value)}`;
  if (query.status !== 'all') where.push(`r.status = ${param(query.status)}`);
  if (user.role !== 'admin')
    where.push(`s.street_code IN (SELECT value FROM json_each(${param(JSON.stringify(user.street_codes))}))`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const filterBinds = [...binds];
  if (query.cursor) {
    const at = param(query.cursor.last_reported_at);
    where.push(`(r.last_reported_at < ${at} OR (r.last_reported_at = ${at} AND r.id < ${param(query.cursor.id)}))`);
  }
  const [page, total] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.last_reported_at DESC, r.id DESC LIMIT ${param(query.limit + 1)}`)
      .bind(...binds),
    d1.prepare(`SELECT count(*) AS n FROM reports r JOIN sites s ON s.id = r.site_id ${filter}`).bind(...filterBinds),
  ]);
  const rows = page!.results as unknown as ReportView[];
  const data = rows.slice(0, query.limit);
  const last = data[data.length - 1];
  return {
    data,
    total: Number(total!.results[0]!.n),
    next_cursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/** The site a change belongs to and the report it already answers, or null for no such change. */
export async function changeOf(
  d1: D1Database,
  changeId: number,
): Promise<{ site_id: number; report_id: number | null } | null> {
  return d1
    .prepare(`SELECT c.site_id, COALESCE(c.report_id, (SELECT id FROM reports WHERE resolved_change_id = c.id LIMIT 1)) AS report_id
    FROM site_changes c WHERE c.id = ?`)
    .bind(changeId)
    .first();
}

/**
 * Marks an open report resolved and, given the change that fixed it, links the change
 * back to it — only while the change answers no other report. False when nothing was
 * written (the report was resolved meanwhile, or the change was linked meanwhile).
 */
export async function resolveReport(
  d1: D1Database,
  id: number,
  actor: string,
  changeId: number | null,
  note: string | null,
): Promise<boolean> {
  const [resolved] = await d1.batch([
    d1
      .prepare(`UPDATE reports SET status = 'resolved', resolved_change_id = ?2, resolved_by = ?3, resolved_at = ?4, resolution_note = ?5
      WHERE id = ?1 AND status = 'open' AND (?2 IS NULL OR (
        NOT EXISTS (SELECT 1 FROM site_changes WHERE id = ?2 AND report_id IS NOT NULL AND report_id <> ?1)
        AND NOT EXISTS (SELECT 1 FROM reports WHERE resolved_change_id = ?2 AND id <> ?1)))`)
      .bind(id, changeId, actor, new Date().toISOString(), note),
    d1
      .prepare(`UPDATE site_changes SET report_id = ?1
      WHERE id = ?2 AND report_id IS NULL AND EXISTS (SELECT 1 FROM reports WHERE id = ?1 AND resolved_change_id = ?2)`)
      .bind(id, changeId),
  ]);
  return resolved!.meta.changes > 0;
}
