-- cell_counts at zoom 18 too (tiles of ~150 m, LEAF_ZOOM in worker/geo/density.ts), beside
-- zooms 6, 9, 12 and 15. A worker isolate holds these finest counts (and sums the coarser
-- ones from them), so a nearest-k search knows, without asking D1, exactly how many live
-- sites each small tile near the point holds: it reads just the tiles that can hold the
-- k nearest, each with a LIMIT of its count (no row read past a range's end).
-- Existing sites are counted now; the triggers of 0002/0004 are replaced by the same
-- triggers with the fifth zoom (the update trigger keeps 0004's WHEN).
INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
  SELECT kind, 18, cell >> 16, count(*), sum(lat), sum(lng) FROM sites WHERE status != 'retired' GROUP BY kind, cell >> 16;
--> statement-breakpoint
DROP TRIGGER sites_cell_counts_insert;
--> statement-breakpoint
CREATE TRIGGER sites_cell_counts_insert AFTER INSERT ON sites WHEN NEW.status != 'retired'
BEGIN
  INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
    SELECT NEW.kind, t.z, t.tile, 1, NEW.lat, NEW.lng FROM (SELECT 6 AS z, NEW.cell >> 40 AS tile UNION ALL SELECT 9 AS z, NEW.cell >> 34 AS tile UNION ALL SELECT 12 AS z, NEW.cell >> 28 AS tile UNION ALL SELECT 15 AS z, NEW.cell >> 22 AS tile UNION ALL SELECT 18 AS z, NEW.cell >> 16 AS tile) AS t WHERE true
    ON CONFLICT (kind, z, tile) DO UPDATE SET n = n + 1, sum_lat = sum_lat + excluded.sum_lat, sum_lng = sum_lng + excluded.sum_lng;
END;
--> statement-breakpoint
DROP TRIGGER sites_cell_counts_delete;
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
  UPDATE cell_counts SET n = n - 1, sum_lat = sum_lat - OLD.lat, sum_lng = sum_lng - OLD.lng
    WHERE OLD.status != 'retired' AND kind = OLD.kind AND z = 18 AND tile = OLD.cell >> 16;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 6 AND tile = OLD.cell >> 40 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 9 AND tile = OLD.cell >> 34 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 12 AND tile = OLD.cell >> 28 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 15 AND tile = OLD.cell >> 22 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 18 AND tile = OLD.cell >> 16 AND n <= 0;
END;
--> statement-breakpoint
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
  UPDATE cell_counts SET n = n - 1, sum_lat = sum_lat - OLD.lat, sum_lng = sum_lng - OLD.lng
    WHERE OLD.status != 'retired' AND kind = OLD.kind AND z = 18 AND tile = OLD.cell >> 16;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 6 AND tile = OLD.cell >> 40 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 9 AND tile = OLD.cell >> 34 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 12 AND tile = OLD.cell >> 28 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 15 AND tile = OLD.cell >> 22 AND n <= 0;
  DELETE FROM cell_counts WHERE kind = OLD.kind AND z = 18 AND tile = OLD.cell >> 16 AND n <= 0;
  INSERT INTO cell_counts (kind, z, tile, n, sum_lat, sum_lng)
    SELECT NEW.kind, t.z, t.tile, 1, NEW.lat, NEW.lng FROM (SELECT 6 AS z, NEW.cell >> 40 AS tile UNION ALL SELECT 9 AS z, NEW.cell >> 34 AS tile UNION ALL SELECT 12 AS z, NEW.cell >> 28 AS tile UNION ALL SELECT 15 AS z, NEW.cell >> 22 AS tile UNION ALL SELECT 18 AS z, NEW.cell >> 16 AS tile) AS t WHERE NEW.status != 'retired'
    ON CONFLICT (kind, z, tile) DO UPDATE SET n = n + 1, sum_lat = sum_lat + excluded.sum_lat, sum_lng = sum_lng + excluded.sum_lng;
END;
