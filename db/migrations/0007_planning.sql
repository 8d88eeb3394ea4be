CREATE TABLE `agreement_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`file_name` text NOT NULL,
	`stored_as` text NOT NULL,
	`size` integer NOT NULL,
	`mime` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_attachments_agreement` ON `agreement_attachments` (`agreement_id`);--> statement-breakpoint
CREATE TABLE `procurement_plan_lines` (
	`plan_year` integer NOT NULL,
	`tier` text NOT NULL,
	`item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` real,
	`note` text,
	`updated_at` text,
	PRIMARY KEY(`plan_year`, `tier`, `item_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "procurement_plan_quantity" CHECK("procurement_plan_lines"."quantity" >= 0)
);
