-- Official vocabularies (README "Data"; worker/domain/vocabulary.ts) and accessibility.
-- Written by hand. Existing data is mapped, never dropped:
--   park_type  pocket → garden (游园, pocket parks included), country_forest → ecological (生态公园:
--              郊野、滨河森林、乡村公园), wetland → nature (自然公园); comprehensive and community unchanged;
--   amenities  cooling_heating (纳凉取暖) → cooling + heating (热可纳凉、冷可取暖); accessible (无障碍通道)
--              leaves the amenities for the new accessibility list as step_free_entrance;
--   new        accessibility (JSON list, '[]' claims nothing) and park_grade (一级–四级, NULL: not known).
-- SQLite cannot change a CHECK, so `sites` is rebuilt as 0004 rebuilt site_changes: the rows kept
-- aside, the table dropped and created anew under its own name, refilled with the same ids (so the
-- deferred foreign-key check at the end sees every site that history and reports name back in
-- place), and its indexes and triggers created again as 0002/0004/0006 left them. Each site the mapping changes gets
-- version + 1, updated_at now and a history row (actor `migration:0007`, the record before and after),
-- so the console's history, stale forms (409) and HSDS `modified_after` all see the change.
PRAGMA defer_foreign_keys = on;
--> statement-breakpoint
CREATE TABLE `sites_0007_before` AS
  SELECT s.id AS id, json_object(
    'id', s.id, 'external_id', s.external_id, 'kind', s.kind, 'name', s.name, 'name_en', s.name_en,
    'address', s.address, 'street_code', s.street_code, 'street_name', t.name,
    'district_code', substr(s.street_code, 1, 6), 'district_name', t.district_name, 'lat', s.lat, 'lng', s.lng,
    'coord_system', s.coord_system, 'coord_precision', s.coord_precision, 'phones', json(s.phones),
    'opening_hours', s.opening_hours, 'follows_workday_calendar', json(CASE WHEN s.follows_workday_calendar THEN 'true' ELSE 'false' END), 'amenities', json(s.amenities), 'elder_services', json(s.elder_services),
    'beds', s.beds, 'park_type', s.park_type, 'area_ha', s.area_ha, 'operator', s.operator,
    'description', s.description, 'status', s.status, 'source', s.source, 'source_url', s.source_url,
    'verified_at', s.verified_at, 'created_at', s.created_at, 'updated_at', s.updated_at, 'version', s.version) AS before
  FROM sites s LEFT JOIN streets t ON t.code = s.street_code
  WHERE s.park_type IN ('pocket', 'country_forest', 'wetland')
    OR EXISTS (SELECT 1 FROM json_each(s.amenities) WHERE value IN ('accessible', 'cooling_heating'));
--> statement-breakpoint
CREATE TABLE `sites_kept` AS SELECT * FROM sites;
--> statement-breakpoint
DROP TABLE sites;
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_id` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`address` text,
	`street_code` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`cell` integer NOT NULL,
	`coord_system` text DEFAULT 'wgs84' NOT NULL,
	`coord_precision` text DEFAULT 'approximate' NOT NULL,
	`phones` text DEFAULT '[]' NOT NULL,
	`opening_hours` text,
	`amenities` text DEFAULT '[]' NOT NULL,
	`elder_services` text DEFAULT '[]' NOT NULL,
	`beds` integer,
	`park_type` text,
	`area_ha` real,
	`operator` text,
	`description` text,
	`status` text DEFAULT 'open' NOT NULL,
	`source` text NOT NULL,
	`source_url` text,
	`verified_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`follows_workday_calendar` integer DEFAULT false NOT NULL,
	`accessibility` text DEFAULT '[]' NOT NULL,
	`park_grade` text,
	FOREIGN KEY (`street_code`) REFERENCES `streets`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sites_kind" CHECK(kind IN ('rest_station', 'elder_care', 'park')),
	CONSTRAINT "sites_status" CHECK(status IN ('open', 'temporarily_closed', 'retired')),
	CONSTRAINT "sites_source" CHECK(source IN ('news_report', 'street_office', 'import', 'sample')),
	CONSTRAINT "sites_coord_system" CHECK(coord_system IN ('wgs84', 'gcj02', 'bd09')),
	CONSTRAINT "sites_coord_precision" CHECK(coord_precision IN ('surveyed', 'approximate')),
	CONSTRAINT "sites_park_type" CHECK(park_type IS NULL OR (kind = 'park' AND park_type IN ('comprehensive', 'community', 'historic', 'specialized', 'garden', 'ecological', 'nature'))),
	CONSTRAINT "sites_park_grade" CHECK(park_grade IS NULL OR (kind = 'park' AND park_grade IN ('grade_1', 'grade_2', 'grade_3', 'grade_4'))),
	CONSTRAINT "sites_name" CHECK(length(trim("sites"."name")) > 0),
	CONSTRAINT "sites_lat" CHECK("sites"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "sites_lng" CHECK("sites"."lng" BETWEEN -180 AND 180),
	CONSTRAINT "sites_beds" CHECK("sites"."beds" IS NULL OR ("sites"."beds" >= 0 AND kind = 'elder_care')),
	CONSTRAINT "sites_area" CHECK("sites"."area_ha" IS NULL OR ("sites"."area_ha" > 0 AND kind = 'park')),
	CONSTRAINT "sites_version" CHECK("sites"."version" >= 1),
	CONSTRAINT "sites_json" CHECK(json_valid(phones) AND json_valid(amenities) AND json_valid(elder_services) AND json_valid(accessibility))
);
--> statement-breakpoint
-- Amenities keep their order; cooling_heating becomes cooling then heating in its place, without duplicates.
INSERT INTO sites (id, external_id, kind, name, name_en, address, street_code, lat, lng, cell, coord_system,
    coord_precision, phones, opening_hours, amenities, elder_services, beds, park_type, area_ha, operator, description,
    status, source, source_url, verified_at, created_at, updated_at, version, follows_workday_calendar, accessibility, park_grade)
  SELECT s.id, s.external_id, s.kind, s.name, s.name_en, s.address, s.street_code, s.lat, s.lng, s.cell, s.coord_system,
    s.coord_precision, s.phones, s.opening_hours,
    (SELECT json_group_array(code) FROM (
      SELECT code, min(pos) AS pos FROM (
        SELECT CASE WHEN j.value = 'cooling_heating' THEN x.code ELSE j.value END AS code, j.key * 2 + x.n AS pos
        FROM json_each(s.amenities) AS j
        JOIN (SELECT 'cooling' AS code, 0 AS n UNION ALL SELECT 'heating', 1) AS x ON j.value = 'cooling_heating' OR x.n = 0
        WHERE j.value != 'accessible')
      GROUP BY code ORDER BY pos)),
    s.elder_services, s.beds,
    CASE s.park_type WHEN 'pocket' THEN 'garden' WHEN 'country_forest' THEN 'ecological' WHEN 'wetland' THEN 'nature' ELSE s.park_type END,
    s.area_ha, s.operator, s.description, s.status, s.source, s.source_url, s.verified_at, s.created_at,
    CASE WHEN b.id IS NULL THEN s.updated_at ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,
    s.version + (b.id IS NOT NULL),
    s.follows_workday_calendar,
    CASE WHEN EXISTS (SELECT 1 FROM json_each(s.amenities) WHERE value = 'accessible') THEN '["step_free_entrance"]' ELSE '[]' END,
    NULL
  FROM sites_kept s LEFT JOIN sites_0007_before b ON b.id = s.id
  ORDER BY s.id;
--> statement-breakpoint
DROP TABLE sites_kept;
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_external_id_idx` ON `sites` (`external_id`);
--> statement-breakpoint
CREATE INDEX `sites_kind_cell_idx` ON `sites` (`kind`,`cell`) WHERE status != 'retired';
--> statement-breakpoint
CREATE INDEX `sites_street_idx` ON `sites` (`street_code`,`status`);
--> statement-breakpoint
INSERT INTO site_changes (site_id, at, actor, action, before, after)
  SELECT s.id, s.updated_at, 'migration:0007', 'update', b.before, json_object(
    'id', s.id, 'external_id', s.external_id, 'kind', s.kind, 'name', s.name, 'name_en', s.name_en,
    'address', s.address, 'street_code', s.street_code, 'street_name', t.name,
    'district_code', substr(s.street_code, 1, 6), 'district_name', t.district_name, 'lat', s.lat, 'lng', s.lng,
    'coord_system', s.coord_system, 'coord_precision', s.coord_precision, 'phones', json(s.phones),
    'opening_hours', s.opening_hours, 'follows_workday_calendar', json(CASE WHEN s.follows_workday_calendar THEN 'true' ELSE 'false' END), 'amenities', json(s.amenities), 'elder_services', json(s.elder_services),
    'accessibility', json(s.accessibility), 'beds', s.beds, 'park_type', s.park_type, 'park_grade', s.park_grade, 'area_ha', s.area_ha, 'operator', s.operator,
    'description', s.description, 'status', s.status, 'source', s.source, 'source_url', s.source_url,
    'verified_at', s.verified_at, 'created_at', s.created_at, 'updated_at', s.updated_at, 'version', s.version)
  FROM sites_0007_before b JOIN sites s ON s.id = b.id LEFT JOIN streets t ON t.code = s.street_code
  ORDER BY s.id;
--> statement-breakpoint
DROP TABLE sites_0007_before;
--> statement-breakpoint
-- The triggers went with the old table; the same ones again (cell_counts as 0002/0004 wrote them, geo_version as 0006).
CREATE TRIGGER sites_cell_counts_insert AFTER INSERT ON sites WHEN NEW.status != 'retired'
BEGIN
  INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
    SELECT NEW.kind, t.z, t.tile, 1, NEW.lat, NEW.lng FROM (SELECT 6 AS z, NEW.cell >> 40 AS tile UNION ALL SELECT 9 AS z, NEW.cell >> 34 AS tile UNION ALL SELECT 12 AS z, NEW.cell >> 28 AS tile UNION ALL SELECT 15 AS z, NEW.cell >> 22 AS tile) AS t WHERE true
    ON CONFLICT (kind, z, tile) DO UPDATE SET n = n + 1, sum_lat = sum_lat + excluded.sum_lat, sum_lng = sum_lng + excluded.sum_lng;
END;
--> statement-breakpoint
CREATE TRIGGER sites_cell_counts_delete AFTER DELETE ON sites WHEN OLD.status != 'retired'
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
END;
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
CREATE TRIGGER sites_geo_version_insert AFTER INSERT ON sites
BEGIN
  UPDATE geo_version SET v = v + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER sites_geo_version_update AFTER UPDATE ON sites
BEGIN
  UPDATE geo_version SET v = v + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER sites_geo_version_delete AFTER DELETE ON sites
BEGIN
  UPDATE geo_version SET v = v + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- The rows were copied without triggers: caches keyed on the data version must learn of the new codes.
UPDATE geo_version SET v = v + 1 WHERE id = 1;
