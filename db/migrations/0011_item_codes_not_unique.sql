DROP INDEX `items_code`;--> statement-breakpoint
CREATE INDEX `items_code` ON `items` (`code`);