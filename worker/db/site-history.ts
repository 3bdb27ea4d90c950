// A site's history: every change with the whole record before and after (written by
// worker/db/site-writes.ts and worker/db/site-imports.ts in the same batch as the change).
import type { Site } from '../core/site';
import type { ChangeAction } from './schema/changes';

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: ChangeAction;
  before: Site | null;
  after: Site;
  report_id: number | null;
}

export async function siteHistory(d1: D1Database, siteId: number): Promise<HistoryEntry[]> {
  const { results } = await d1
    .prepare(
      'SELECT id, at, actor, action, before, after, report_id FROM site_changes WHERE site_id = ? ORDER BY id DESC',
    )
    .bind(siteId)
    .all<Omit<HistoryEntry, 'before' | 'after'> & { before: string | null; after: string }>();
  return results.map((r) => ({
    ...r,
    before: r.before === null ? null : JSON.parse(r.before),
    after: JSON.parse(r.after),
  }));
}
