DROP INDEX `sites_code`;--> statement-breakpoint
CREATE INDEX `sites_code` ON `sites` (`code`);