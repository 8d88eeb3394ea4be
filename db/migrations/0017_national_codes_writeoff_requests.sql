CREATE TABLE `national_code_classes` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `writeoff_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`doc_date` text NOT NULL,
	`reason` text NOT NULL,
	`lines` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text,
	`requested_at` text,
	`decided_by` text,
	`decided_at` text,
	`decision_note` text,
	`document_id` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `writeoff_requests_site` ON `writeoff_requests` (`site_id`,`status`);