-- geo_version: one counter that every change to `sites` bumps (insert, update, delete), so
-- each worker isolate can tell with a one-row probe whether the density snapshot and the
-- public responses it holds (worker/db/geo-state.ts) still describe the data. The counter
-- starts at a random value, so a database recreated from scratch never repeats an old version.
CREATE TABLE `geo_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`v` integer NOT NULL,
	CONSTRAINT "geo_version_single_row" CHECK(id = 1)
);
--> statement-breakpoint
INSERT INTO geo_version (id, v) VALUES (1, abs(random() % 1000000000000));
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
