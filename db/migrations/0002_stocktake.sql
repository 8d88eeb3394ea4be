CREATE TABLE `stocktake_lines` (
	`stocktake_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`expected` integer NOT NULL,
	`counted` integer,
	`reason` text,
	PRIMARY KEY(`stocktake_id`, `line_no`),
	FOREIGN KEY (`stocktake_id`) REFERENCES `stocktakes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stocktake_lines_lot` ON `stocktake_lines` (`stocktake_id`,`item_id`,`lot_id`);--> statement-breakpoint
CREATE TABLE `stocktakes` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`blind` integer DEFAULT false NOT NULL,
	`opened_on` text NOT NULL,
	`opened_by` text NOT NULL,
	`note` text,
	`document_id` text,
	`posted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stocktakes_site` ON `stocktakes` (`site_id`,`status`);