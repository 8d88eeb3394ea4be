CREATE TABLE `transfer_order_transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`note` text,
	FOREIGN KEY (`order_id`) REFERENCES `transfer_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfer_order_transitions_order` ON `transfer_order_transitions` (`order_id`,`id`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `note` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `request_no` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `requester` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `note` text;--> statement-breakpoint
ALTER TABLE `transfer_order_lines` ADD `shortfall` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `dispatched_at` text;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `received_at` text;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `due_at` text;--> statement-breakpoint
ALTER TABLE `transfer_orders` ADD `note` text;--> statement-breakpoint
CREATE INDEX `transfer_orders_incident` ON `transfer_orders` (`incident_id`,`state`);--> statement-breakpoint
CREATE INDEX `transfer_orders_agreement` ON `transfer_orders` (`from_agreement_id`);