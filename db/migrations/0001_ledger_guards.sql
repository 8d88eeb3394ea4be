-- The ledger (台账) and the event log are append-only: a mistake is reversed by a new document, never edited.
-- These triggers make that a property of the file itself, whatever code touches it.
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never edited after posting'); END;
--> statement-breakpoint
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never edited after posting'); END;
--> statement-breakpoint
CREATE TRIGGER document_lines_no_update BEFORE UPDATE ON document_lines
BEGIN SELECT RAISE(ABORT, 'documents are never edited after posting'); END;
--> statement-breakpoint
CREATE TRIGGER document_lines_no_delete BEFORE DELETE ON document_lines
BEGIN SELECT RAISE(ABORT, 'documents are never edited after posting'); END;
--> statement-breakpoint
CREATE TRIGGER events_no_update BEFORE UPDATE OF id, replica_id, seq, hlc, type, version, entity_id, payload, author ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
