CREATE TABLE `catalogue_versions` (
	`plan_year` integer NOT NULL,
	`item_id` text NOT NULL,
	`unit_price` real,
	`included` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`plan_year`, `item_id`),
	CONSTRAINT "catalogue_versions_price" CHECK("catalogue_versions"."unit_price" IS NULL OR "catalogue_versions"."unit_price" >= 0)
);
