CREATE TABLE `agreement_lines` (
	`agreement_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` text,
	`quantity` real,
	`vehicle_type` text,
	`vehicle_count` integer,
	`vehicle_capacity` text,
	PRIMARY KEY(`agreement_id`, `line_no`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`agreement_no` text NOT NULL,
	`kind` text NOT NULL,
	`held_at` text,
	`response_hours` real,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`tier` text,
	`region_code` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`field` text,
	`winner_event_id` text,
	`loser_event_id` text,
	`detail` text,
	`resolved_at` text,
	`resolved_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_lines` (
	`document_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_cost` real,
	`note` text,
	PRIMARY KEY(`document_id`, `line_no`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_no` text NOT NULL,
	`type` text NOT NULL,
	`subtype` text,
	`site_id` text NOT NULL,
	`counterparty_site_id` text,
	`counterparty` text,
	`doc_date` text NOT NULL,
	`reason` text,
	`reverses_doc_id` text,
	`incident_id` text,
	`transfer_order_id` text,
	`handled_by` text,
	`author` text NOT NULL,
	`replica_id` text NOT NULL,
	`event_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counterparty_site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_doc_no` ON `documents` (`doc_no`);--> statement-breakpoint
CREATE INDEX `documents_site` ON `documents` (`site_id`,`doc_date`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`replica_id` text NOT NULL,
	`seq` integer NOT NULL,
	`hlc` text NOT NULL,
	`type` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`entity_id` text NOT NULL,
	`payload` text NOT NULL,
	`author` text NOT NULL,
	`applied_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_replica_seq` ON `events` (`replica_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_hlc` ON `events` (`hlc`);--> statement-breakpoint
CREATE TABLE `incident_regions` (
	`incident_id` text NOT NULL,
	`region_code` text NOT NULL,
	PRIMARY KEY(`incident_id`, `region_code`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`level` text,
	`started_at` text NOT NULL,
	`ended_at` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`national_code` text,
	`unit` text NOT NULL,
	`spec` text,
	`shelf_life_days` integer,
	`returnable` integer DEFAULT false NOT NULL,
	`lot_tracked` integer DEFAULT true NOT NULL,
	`unit_price` real,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_code` ON `items` (`code`);--> statement-breakpoint
CREATE TABLE `lots` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`lot_no` text NOT NULL,
	`production_date` text,
	`expiry_date` text,
	`supplier` text,
	`unit_cost` real,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lots_item_lot` ON `lots` (`item_id`,`lot_no`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`credit_code` text,
	`contact` text,
	`phone` text,
	`address` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`kind` text,
	`population` integer
);
--> statement-breakpoint
CREATE INDEX `regions_parent` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE TABLE `replicas` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`is_local` integer DEFAULT false NOT NULL,
	`seen_seq` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `request_lines` (
	`request_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`request_id`, `line_no`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text,
	`region_code` text,
	`destination_site_id` text,
	`destination_address` text,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`contact` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`destination_site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `site_regions` (
	`site_id` text NOT NULL,
	`region_code` text NOT NULL,
	PRIMARY KEY(`site_id`, `region_code`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `site_regions_region` ON `site_regions` (`region_code`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`tier` text NOT NULL,
	`region_code` text NOT NULL,
	`ownership` text DEFAULT 'self' NOT NULL,
	`capacity` text,
	`keeper` text,
	`phone` text,
	`address` text,
	`status` text DEFAULT 'active' NOT NULL,
	`opened_on` text,
	`closed_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_code` ON `sites` (`code`);--> statement-breakpoint
CREATE INDEX `sites_region` ON `sites` (`region_code`);--> statement-breakpoint
CREATE TABLE `stock_balances` (
	`site_id` text NOT NULL,
	`item_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`site_id`, `item_id`, `lot_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_balances_non_negative" CHECK("stock_balances"."quantity" >= 0)
);
--> statement-breakpoint
CREATE INDEX `stock_balances_item` ON `stock_balances` (`item_id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`site_id` text NOT NULL,
	`item_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`moved_on` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stock_movements_doc_line` ON `stock_movements` (`document_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `stock_movements_site_item` ON `stock_movements` (`site_id`,`item_id`,`id`);--> statement-breakpoint
CREATE TABLE `tier_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_year` integer NOT NULL,
	`tier` text NOT NULL,
	`item_id` text NOT NULL,
	`mode` text DEFAULT 'fixed' NOT NULL,
	`quantity` real NOT NULL,
	`minimum` real,
	`required` integer DEFAULT true NOT NULL,
	`region_code` text,
	`site_id` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tier_targets_item` ON `tier_targets` (`item_id`,`plan_year`);--> statement-breakpoint
CREATE TABLE `transfer_order_lines` (
	`order_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`item_id` text NOT NULL,
	`lot_id` text,
	`requested` integer NOT NULL,
	`allocated` integer DEFAULT 0 NOT NULL,
	`shipped` integer DEFAULT 0 NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`shortfall_reason` text,
	PRIMARY KEY(`order_id`, `line_no`),
	FOREIGN KEY (`order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `transfer_orders` (
	`id` text PRIMARY KEY NOT NULL,
	`order_no` text NOT NULL,
	`incident_id` text,
	`request_id` text,
	`from_site_id` text,
	`from_agreement_id` text,
	`to_site_id` text,
	`to_address` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`vehicle` text,
	`driver` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transfer_orders_no` ON `transfer_orders` (`order_no`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text,
	`roles` text NOT NULL,
	`scope_kind` text DEFAULT 'district' NOT NULL,
	`scope_ref` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);