-- Cheaper writes (D1 bills every row and index entry written).
-- 1. The cell_counts update trigger fired on every UPDATE that named kind, cell, lat, lng
--    or status, i.e. on every edit and verify, rewriting 8 count rows for nothing. It now
--    fires only when a value it counts changes: kind, cell, the coordinates summed for
--    cluster centres, or the live/retired state (open ↔ temporarily_closed counts the same).
DROP TRIGGER sites_cell_counts_update;
--> statement-breakpoint
CREATE TRIGGER sites_cell_counts_update AFTER UPDATE OF kind, cell, lat, lng, status ON sites
WHEN OLD.kind IS NOT NEW.kind OR OLD.cell IS NOT NEW.cell OR OLD.lat IS NOT NEW.lat OR OLD.lng IS NOT NEW.lng
  OR (OLD.status = 'retired') IS NOT (NEW.status = 'retired')
BEGIN
  UPDATE cell_counts SET n = n - 1, sum_lat = sum_lat - OLD.lat, sum_lng = sum_lng - OLD.lng
    WHERE OLD.status != 'retired' AND kind = OLD.kind AND z = 6 AND tile = OLD.cell >> 40;
  UPDATE cell_counts SET n = n - 1, sum_lat = sum_lat - OLD.lat, sum_lng = sum_lng - OLD.lng
    WHERE OLD.status != 'retired' AND kind = OLD.kind AND z = 9 AND tile = OLD.cell >> 34;
  UPDATE cell_counts SET n = n - 1, sum_lat = sum_lat - OLD.lat, sum_lng = sum_lng - OLD.lng
    WHERE OLD.status != 'retired' AND kind = OLD.kind AND z = 12 AND tile = OLD.cell >> 28;
  UPDATE cell_counts SET n = n - 1, sum_lat = sum_lat - OLD.lat, sum_lng = sum_lng - OLD.lng
    WHERE OLD.status != 'retired' AND kind = OLD.kind AND z = 15 AND tile = OLD.cell >> 22;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 6 AND tile = OLD.cell >> 40 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 9 AND tile = OLD.cell >> 34 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 12 AND tile = OLD.cell >> 28 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 15 AND tile = OLD.cell >> 22 AND n <= 0;
  INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
    SELECT NEW.kind, t.z, t.tile, 1, NEW.lat, NEW.lng FROM (SELECT 6 AS z, NEW.cell >> 40 AS tile UNION ALL SELECT 9 AS z, NEW.cell >> 34 AS tile UNION ALL SELECT 12 AS z, NEW.cell >> 28 AS tile UNION ALL SELECT 15 AS z, NEW.cell >> 22 AS tile) AS t WHERE NEW.status != 'retired'
    ON CONFLICT (kind, z, tile) DO UPDATE SET n = n + 1, sum_lat = sum_lat + excluded.sum_lat, sum_lng = sum_lng + excluded.sum_lng;
END;
--> statement-breakpoint
-- 2. site_changes without AUTOINCREMENT: every history row also rewrote sqlite_sequence.
--    History rows are never deleted, so `INTEGER PRIMARY KEY` (max + 1) never reuses an id.
--    The rows are kept aside, the table is created anew under its own name and refilled
--    with its ids, so reports.resolved_change_id finds the same rows (the deferred foreign
--    key check at the end of the migration sees every referenced id back in place).
PRAGMA defer_foreign_keys = on;
--> statement-breakpoint
CREATE TABLE `site_changes_kept` AS SELECT id, site_id, at, actor, action, before, after, report_id FROM site_changes;
--> statement-breakpoint
DROP TABLE site_changes;
--> statement-breakpoint
CREATE TABLE `site_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	`report_id` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "site_changes_action" CHECK(action IN ('create', 'update', 'retire', 'restore', 'verify', 'import')),
	CONSTRAINT "site_changes_json" CHECK(json_valid("site_changes"."after") AND ("site_changes"."before" IS NULL OR json_valid("site_changes"."before")))
);
--> statement-breakpoint
INSERT INTO site_changes (id, site_id, at, actor, action, before, after, report_id)
  SELECT id, site_id, at, actor, action, before, after, report_id FROM site_changes_kept ORDER BY id;
--> statement-breakpoint
DROP TABLE site_changes_kept;
--> statement-breakpoint
CREATE INDEX `site_changes_site_idx` ON `site_changes` (`site_id`,`id`);
--> statement-breakpoint
-- 3. Every site has a history: sites loaded by the seed before it wrote one get their
--    creation recorded now (actor `seed`, the record as it stands).
INSERT INTO site_changes (site_id, at, actor, action, before, after)
  SELECT s.id, s.created_at, 'seed', 'create', NULL, json_object(
    'id', s.id, 'external_id', s.external_id, 'kind', s.kind, 'name', s.name, 'name_en', s.name_en,
    'address', s.address, 'street_code', s.street_code, 'street_name', t.name,
    'district_code', substr(s.street_code, 1, 6), 'district_name', t.district_name, 'lat', s.lat, 'lng', s.lng,
    'coord_system', s.coord_system, 'coord_precision', s.coord_precision, 'phones', json(s.phones),
    'opening_hours', s.opening_hours, 'follows_workday_calendar', json(CASE WHEN s.follows_workday_calendar THEN 'true' ELSE 'false' END), 'amenities', json(s.amenities), 'elder_services', json(s.elder_services),
    'beds', s.beds, 'park_type', s.park_type, 'area_ha', s.area_ha, 'operator', s.operator,
    'description', s.description, 'status', s.status, 'source', s.source, 'source_url', s.source_url,
    'verified_at', s.verified_at, 'created_at', s.created_at, 'updated_at', s.updated_at, 'version', s.version)
  FROM sites s LEFT JOIN streets t ON t.code = s.street_code
  WHERE NOT EXISTS (SELECT 1 FROM site_changes c WHERE c.site_id = s.id);
