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
