CREATE TABLE `cell_counts` (
	`kind` text NOT NULL,
	`z` integer NOT NULL,
	`tile` integer NOT NULL,
	`n` integer NOT NULL,
	`sum_lat` real NOT NULL,
	`sum_lng` real NOT NULL,
	PRIMARY KEY(`kind`, `z`, `tile`)
);
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
	FOREIGN KEY (`street_code`) REFERENCES `streets`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sites_kind" CHECK(kind IN ('rest_station', 'elder_care', 'park')),
	CONSTRAINT "sites_status" CHECK(status IN ('open', 'temporarily_closed', 'retired')),
	CONSTRAINT "sites_source" CHECK(source IN ('news_report', 'street_office', 'import', 'sample')),
	CONSTRAINT "sites_coord_system" CHECK(coord_system IN ('wgs84', 'gcj02', 'bd09')),
	CONSTRAINT "sites_coord_precision" CHECK(coord_precision IN ('surveyed', 'approximate')),
	CONSTRAINT "sites_park_type" CHECK(park_type IS NULL OR (kind = 'park' AND park_type IN ('comprehensive', 'community', 'pocket', 'country_forest', 'wetland'))),
	CONSTRAINT "sites_name" CHECK(length(trim("sites"."name")) > 0),
	CONSTRAINT "sites_lat" CHECK("sites"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "sites_lng" CHECK("sites"."lng" BETWEEN -180 AND 180),
	CONSTRAINT "sites_beds" CHECK("sites"."beds" IS NULL OR ("sites"."beds" >= 0 AND kind = 'elder_care')),
	CONSTRAINT "sites_area" CHECK("sites"."area_ha" IS NULL OR ("sites"."area_ha" > 0 AND kind = 'park')),
	CONSTRAINT "sites_version" CHECK("sites"."version" >= 1),
	CONSTRAINT "sites_json" CHECK(json_valid(phones) AND json_valid(amenities) AND json_valid(elder_services))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_external_id_idx` ON `sites` (`external_id`);--> statement-breakpoint
CREATE INDEX `sites_kind_cell_idx` ON `sites` (`kind`,`cell`) WHERE status != 'retired';--> statement-breakpoint
CREATE INDEX `sites_street_idx` ON `sites` (`street_code`,`status`);--> statement-breakpoint
CREATE TABLE `streets` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
	`district_name` text NOT NULL,
	`city_code` text NOT NULL,
	`city_name` text NOT NULL,
	`province_code` text NOT NULL,
	`province_name` text NOT NULL,
	CONSTRAINT "streets_code_format" CHECK(length("streets"."code") = 9 AND substr("streets"."code", 1, 6) = "streets"."district_code")
);
--> statement-breakpoint
CREATE INDEX `streets_district_idx` ON `streets` (`district_code`);