CREATE TABLE `geo_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`v` integer NOT NULL,
	CONSTRAINT "geo_version_single_row" CHECK(id = 1)
);
--> statement-breakpoint
CREATE TABLE `holiday_year_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`before` text,
	`after` text NOT NULL,
	CONSTRAINT "holiday_year_changes_json" CHECK(json_valid("holiday_year_changes"."after") AND ("holiday_year_changes"."before" IS NULL OR json_valid("holiday_year_changes"."before")))
);
--> statement-breakpoint
CREATE INDEX `holiday_year_changes_year_idx` ON `holiday_year_changes` (`year`,`id`);--> statement-breakpoint
CREATE TABLE `holiday_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`periods` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	CONSTRAINT "holiday_years_year" CHECK("holiday_years"."year" BETWEEN 2000 AND 2200),
	CONSTRAINT "holiday_years_json" CHECK(json_valid("holiday_years"."periods"))
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_site_changes` (
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
	CONSTRAINT "site_changes_json" CHECK(json_valid("__new_site_changes"."after") AND ("__new_site_changes"."before" IS NULL OR json_valid("__new_site_changes"."before")))
);
--> statement-breakpoint
INSERT INTO `__new_site_changes`("id", "site_id", "at", "actor", "action", "before", "after", "report_id") SELECT "id", "site_id", "at", "actor", "action", "before", "after", "report_id" FROM `site_changes`;--> statement-breakpoint
DROP TABLE `site_changes`;--> statement-breakpoint
ALTER TABLE `__new_site_changes` RENAME TO `site_changes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `site_changes_site_idx` ON `site_changes` (`site_id`,`id`);--> statement-breakpoint
ALTER TABLE `sites` ADD `follows_workday_calendar` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `count` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `last_reported_at` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `reports_queue_idx` ON `reports` (`status`,`last_reported_at`,`id`);