CREATE TABLE `report_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`level` text NOT NULL,
	`region_code` text NOT NULL,
	`version` integer NOT NULL,
	`due_on` text NOT NULL,
	`snapshot` text NOT NULL,
	`submitted_at` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_by_name` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`decided_at` text,
	`decided_by_name` text,
	`decision_hlc` text,
	`return_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_submissions_version` ON `report_submissions` (`kind`,`subject`,`region_code`,`version`);--> statement-breakpoint
CREATE INDEX `report_submissions_region` ON `report_submissions` (`region_code`,`kind`);--> statement-breakpoint
-- What was submitted is frozen: only the receiver's decision (status, when, by whom, why returned) may change.
CREATE TRIGGER report_submissions_frozen BEFORE UPDATE OF id, kind, subject, level, region_code, version, due_on, snapshot, submitted_at, submitted_by, submitted_by_name ON report_submissions
BEGIN SELECT RAISE(ABORT, 'a submitted report is frozen; resubmit a new version'); END;
--> statement-breakpoint
CREATE TRIGGER report_submissions_no_delete BEFORE DELETE ON report_submissions
BEGIN SELECT RAISE(ABORT, 'a submitted report is never deleted'); END;
