-- Identical open reports on one site are merged into one row with a count; the queue is
-- ordered by the newest report of each row. Existing rows keep their data: each counts
-- once, its newest report being its own.
ALTER TABLE `reports` ADD `count` integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE `reports` ADD `last_reported_at` text DEFAULT '' NOT NULL;
--> statement-breakpoint
UPDATE `reports` SET `last_reported_at` = `created_at`;
--> statement-breakpoint
CREATE INDEX `reports_queue_idx` ON `reports` (`status`,`last_reported_at`,`id`);
