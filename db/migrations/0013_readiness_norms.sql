CREATE TABLE `readiness_norms` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_type` text NOT NULL,
	`item_id` text NOT NULL,
	`per_person` real NOT NULL,
	`kg_per_unit` real,
	`note` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `readiness_norms_type_item` ON `readiness_norms` (`incident_type`,`item_id`);