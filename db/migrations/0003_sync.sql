CREATE TABLE `field_clocks` (
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`entity`, `entity_id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `hub_devices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_ref` text,
	`replica_id` text,
	`last_seen_at` text,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hub_devices_token` ON `hub_devices` (`token_hash`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_stock_balances` (
	`site_id` text NOT NULL,
	`item_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`site_id`, `item_id`, `lot_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_stock_balances`("site_id", "item_id", "lot_id", "quantity") SELECT "site_id", "item_id", "lot_id", "quantity" FROM `stock_balances`;--> statement-breakpoint
DROP TABLE `stock_balances`;--> statement-breakpoint
ALTER TABLE `__new_stock_balances` RENAME TO `stock_balances`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `stock_balances_item` ON `stock_balances` (`item_id`);