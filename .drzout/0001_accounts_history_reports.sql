CREATE TABLE `account_streets` (
	`username` text NOT NULL,
	`street_code` text NOT NULL,
	PRIMARY KEY(`username`, `street_code`),
	FOREIGN KEY (`username`) REFERENCES `accounts`(`username`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`street_code`) REFERENCES `streets`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `accounts` (
	`username` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "accounts_role" CHECK(role IN ('admin', 'editor')),
	CONSTRAINT "accounts_username" CHECK(length(username) BETWEEN 2 AND 64)
);
--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attempts_bucket_at_idx` ON `attempts` (`bucket`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`username`) REFERENCES `accounts`(`username`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_username_idx` ON `sessions` (`username`);--> statement-breakpoint
CREATE TABLE `site_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
CREATE INDEX `site_changes_site_idx` ON `site_changes` (`site_id`,`id`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`category` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_change_id` integer,
	`resolved_by` text,
	`resolved_at` text,
	`resolution_note` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_change_id`) REFERENCES `site_changes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reports_category" CHECK(category IN ('closed', 'wrong_place', 'wrong_hours', 'other')),
	CONSTRAINT "reports_status" CHECK(status IN ('open', 'resolved')),
	CONSTRAINT "reports_note" CHECK("reports"."note" IS NULL OR length("reports"."note") <= 500)
);
--> statement-breakpoint
CREATE INDEX `reports_site_idx` ON `reports` (`site_id`,`status`);--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`status`,`created_at`);