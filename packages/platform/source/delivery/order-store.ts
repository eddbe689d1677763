// Which app and shop own each delivery order, its latest snapshot, and the quotes waiting to be
// published. SQLite (better-sqlite3), so a restart loses no owner: callbacks that arrive later
// still reach the right app.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryOrder } from '@jingmai/protocol';
import Database from 'better-sqlite3';

/** One stored order. */
export interface StoredOrder {
  readonly originId: string;
  readonly appId: string;
  readonly shopId: string;
  readonly orderId: string;
  readonly cityCode: string;
  readonly order: DeliveryOrder;
}

/** A quote waiting to be published. */
export interface StoredQuote {
  readonly quoteId: string;
  readonly originId: string;
  readonly appId: string;
  readonly shopId: string;
  readonly orderId: string;
  readonly cityCode: string;
  readonly expiresAt: number;
}

interface OrderRow {
  rowid: number;
  origin_id: string;
  app_id: string;
  shop_id: string;
  order_id: string;
  city_code: string;
  snapshot: string;
}

function toOrder(row: OrderRow): StoredOrder {
  return {
    originId: row.origin_id,
    appId: row.app_id,
    shopId: row.shop_id,
    orderId: row.order_id,
    cityCode: row.city_code,
    order: JSON.parse(row.snapshot) as DeliveryOrder,
  };
}

/** The platform's delivery bookkeeping. */
export class OrderStore {
  private readonly db: Database.Database;

  /** Opens (or creates) the store under `dataDir`; without one it lives in memory. */
  constructor(dataDir?: string) {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    this.db = new Database(dataDir ? join(dataDir, 'platform-delivery.sqlite') : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS orders (
        origin_id TEXT PRIMARY KEY, app_id TEXT NOT NULL, shop_id TEXT NOT NULL, order_id TEXT NOT NULL,
        city_code TEXT NOT NULL, status INTEGER NOT NULL, snapshot TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS orders_by_owner ON orders (app_id, shop_id, status);
      CREATE TABLE IF NOT EXISTS quotes (
        quote_id TEXT PRIMARY KEY, origin_id TEXT NOT NULL, app_id TEXT NOT NULL, shop_id TEXT NOT NULL,
        order_id TEXT NOT NULL, city_code TEXT NOT NULL, expires_at INTEGER NOT NULL
      );
    `);
  }

  /** Records a new order, or replaces the snapshot of an existing one. */
  save(entry: StoredOrder): void {
    this.db
      .prepare(
        `INSERT INTO orders (origin_id, app_id, shop_id, order_id, city_code, status, snapshot)
         VALUES (@originId, @appId, @shopId, @orderId, @cityCode, @status, @snapshot)
         ON CONFLICT (origin_id) DO UPDATE SET status = excluded.status, snapshot = excluded.snapshot`,
      )
      .run({ ...entry, order: undefined, status: entry.order.status, snapshot: JSON.stringify(entry.order) });
  }

  /** The order with this open-platform id, if the platform created it. */
  byOriginId(originId: string): StoredOrder | undefined {
    const row = this.db.prepare('SELECT rowid, * FROM orders WHERE origin_id = ?').get(originId) as
      | OrderRow
      | undefined;
    return row ? toOrder(row) : undefined;
  }

  /** A page of an app's orders in a shop, newest first. The cursor is the last row seen. */
  list(
    appId: string,
    shopId: string,
    options: { status?: number; cursor?: string; limit: number },
  ): { items: StoredOrder[]; cursor: string | null } {
    const before = options.cursor ? Number.parseInt(options.cursor, 36) : Number.MAX_SAFE_INTEGER;
    const rows = this.db
      .prepare(
        `SELECT rowid, * FROM orders WHERE app_id = ? AND shop_id = ? AND rowid < ? AND (? IS NULL OR status = ?)
         ORDER BY rowid DESC LIMIT ?`,
      )
      .all(
        appId,
        shopId,
        Number.isFinite(before) ? before : 0,
        options.status ?? null,
        options.status ?? null,
        options.limit + 1,
      ) as OrderRow[];
    const page = rows.slice(0, options.limit);
    const last = page.at(-1);
    return {
      items: page.map(toOrder),
      cursor: rows.length > options.limit && last ? last.rowid.toString(36) : null,
    };
  }

  /** Forgets an order (one whose publication failed). */
  remove(originId: string): void {
    this.db.prepare('DELETE FROM orders WHERE origin_id = ?').run(originId);
  }

  saveQuote(quote: StoredQuote): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO quotes (quote_id, origin_id, app_id, shop_id, order_id, city_code, expires_at)
         VALUES (@quoteId, @originId, @appId, @shopId, @orderId, @cityCode, @expiresAt)`,
      )
      .run(quote);
  }

  /** Takes a quote out (it can be published once). */
  takeQuote(quoteId: string): StoredQuote | undefined {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM quotes WHERE quote_id = ?').get(quoteId) as
        | Record<string, string | number>
        | undefined;
      if (!row) return undefined;
      this.db.prepare('DELETE FROM quotes WHERE quote_id = ?').run(quoteId);
      return {
        quoteId: row.quote_id as string,
        originId: row.origin_id as string,
        appId: row.app_id as string,
        shopId: row.shop_id as string,
        orderId: row.order_id as string,
        cityCode: row.city_code as string,
        expiresAt: row.expires_at as number,
      };
    })();
  }

  close(): void {
    this.db.close();
  }
}
