-- Stock per site × item, kept as the ledger posts: compliance reads one row per site × item instead of every lot
-- balance (db/schema.ts siteItemStock). Triggers on stock_balances keep it, so no path that writes a balance can
-- forget it. (INSERT OR REPLACE into stock_balances would not fire the delete trigger without recursive_triggers:
-- nothing does that; stock.rebuildBalances rebuilds this table too.)
CREATE TABLE `site_item_stock` (
	`site_id` text NOT NULL,
	`item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`on_hand` integer NOT NULL,
	`lots` integer NOT NULL,
	PRIMARY KEY(`site_id`, `item_id`)
) WITHOUT ROWID;
--> statement-breakpoint
DROP INDEX `stock_balances_item`;--> statement-breakpoint
CREATE INDEX `stock_balances_item_lot` ON `stock_balances` (`item_id`,`lot_id`);
--> statement-breakpoint
INSERT INTO site_item_stock (site_id, item_id, quantity, on_hand, lots)
SELECT site_id, item_id, sum(quantity), sum(max(quantity, 0)), count(*) FROM stock_balances GROUP BY site_id, item_id;
--> statement-breakpoint
CREATE TRIGGER stock_balances_sum_insert AFTER INSERT ON stock_balances
BEGIN
  INSERT INTO site_item_stock (site_id, item_id, quantity, on_hand, lots) VALUES (new.site_id, new.item_id, new.quantity, max(new.quantity, 0), 1)
  ON CONFLICT (site_id, item_id) DO UPDATE SET quantity = quantity + excluded.quantity, on_hand = on_hand + excluded.on_hand, lots = lots + 1;
END;
--> statement-breakpoint
CREATE TRIGGER stock_balances_sum_update AFTER UPDATE OF quantity ON stock_balances
WHEN old.site_id = new.site_id AND old.item_id = new.item_id
BEGIN
  UPDATE site_item_stock SET quantity = quantity + new.quantity - old.quantity, on_hand = on_hand + max(new.quantity, 0) - max(old.quantity, 0)
  WHERE site_id = new.site_id AND item_id = new.item_id;
END;
--> statement-breakpoint
CREATE TRIGGER stock_balances_sum_move AFTER UPDATE OF site_id, item_id ON stock_balances
WHEN old.site_id IS NOT new.site_id OR old.item_id IS NOT new.item_id
BEGIN
  UPDATE site_item_stock SET quantity = quantity - old.quantity, on_hand = on_hand - max(old.quantity, 0), lots = lots - 1
  WHERE site_id = old.site_id AND item_id = old.item_id;
  DELETE FROM site_item_stock WHERE site_id = old.site_id AND item_id = old.item_id AND lots = 0;
  INSERT INTO site_item_stock (site_id, item_id, quantity, on_hand, lots) VALUES (new.site_id, new.item_id, new.quantity, max(new.quantity, 0), 1)
  ON CONFLICT (site_id, item_id) DO UPDATE SET quantity = quantity + excluded.quantity, on_hand = on_hand + excluded.on_hand, lots = lots + 1;
END;
--> statement-breakpoint
CREATE TRIGGER stock_balances_sum_delete AFTER DELETE ON stock_balances
BEGIN
  UPDATE site_item_stock SET quantity = quantity - old.quantity, on_hand = on_hand - max(old.quantity, 0), lots = lots - 1
  WHERE site_id = old.site_id AND item_id = old.item_id;
  DELETE FROM site_item_stock WHERE site_id = old.site_id AND item_id = old.item_id AND lots = 0;
END;
