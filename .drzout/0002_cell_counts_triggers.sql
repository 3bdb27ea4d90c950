-- cell_counts: live (non-retired) sites per kind and Web-Mercator tile at zooms 6, 9, 12
-- and 15 (COUNT_ZOOMS in worker/geo/plan.ts), with coordinate sums for cluster centres.
-- The zoom-z tile of a site is its z26 cell shifted right by 2·(26 − z) bits (Morton key).
-- Kept by triggers so that every write path (API, CSV import, seeds, bulk loads) agrees;
-- a row is deleted when its count reaches 0, so only non-empty tiles exist.
DELETE FROM cell_counts;
--> statement-breakpoint
INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
  SELECT kind, 6, cell >> 40, count(*), sum(lat), sum(lng) FROM sites WHERE status != 'retired' GROUP BY kind, cell >> 40;
--> statement-breakpoint
INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
  SELECT kind, 9, cell >> 34, count(*), sum(lat), sum(lng) FROM sites WHERE status != 'retired' GROUP BY kind, cell >> 34;
--> statement-breakpoint
INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
  SELECT kind, 12, cell >> 28, count(*), sum(lat), sum(lng) FROM sites WHERE status != 'retired' GROUP BY kind, cell >> 28;
--> statement-breakpoint
INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
  SELECT kind, 15, cell >> 22, count(*), sum(lat), sum(lng) FROM sites WHERE status != 'retired' GROUP BY kind, cell >> 22;
--> statement-breakpoint
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
