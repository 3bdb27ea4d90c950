-- Per-site make-up working days, and the holiday arrangements administrators enter.
-- Written by hand (see README "Migrations"); existing sites get the default of their kind:
-- elder-care centres work the official make-up days, parks and rest stations do not.
ALTER TABLE `sites` ADD `follows_workday_calendar` integer DEFAULT false NOT NULL;
--> statement-breakpoint
UPDATE `sites` SET `follows_workday_calendar` = 1 WHERE `kind` = 'elder_care';
--> statement-breakpoint
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
CREATE INDEX `holiday_year_changes_year_idx` ON `holiday_year_changes` (`year`,`id`);
