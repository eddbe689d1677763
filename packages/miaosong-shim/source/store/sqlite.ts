// The SQLite store: one file under the data dir, WAL mode, every statement prepared once.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AppRow,
  DeliveryOutcome,
  MerchantRow,
  NewStatusChange,
  OrderRow,
  PendingCallback,
  QuoteRow,
  ShopRow,
  StatusChangeRow,
} from './rows.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { createStagedCallbacks } from './staged-callbacks.js';

/** A position in the (next_attempt_at, id) order of pending callbacks. */
export interface CallbackKey {
  readonly at: number;
  readonly id: number;
}

// The columns of a PendingCallback.
const CALLBACK_COLUMNS = 'c.id, c.order_id, c.callback_url, c.payload, c.attempts, c.next_attempt_at';

// A pending callback may go out only when no older callback of its order is still pending.
const ELIGIBLE = `NOT EXISTS (SELECT 1 FROM status_changes p
  WHERE p.order_id = c.order_id AND p.id < c.id AND p.delivery = 'pending')`;

/** An order row without its id, for inserts. */
export type NewOrder = Omit<OrderRow, 'id'>;

const ORDER_COLUMNS = [
  'source_id',
  'origin_id',
  'client_id',
  'shop_no',
  'city_code',
  'status',
  'request',
  'callback_url',
  'shop_lat',
  'shop_lng',
  'receiver_lat',
  'receiver_lng',
  'distance',
  'cargo_price_fen',
  'deliver_fee_fen',
  'coupon_fee_fen',
  'insurance_fee_fen',
  'tips_fen',
  'deduct_fee_fen',
  'finish_code',
  'created_at',
  'updated_at',
  'accepted_at',
  'arrived_at',
  'fetched_at',
  'finished_at',
  'cancelled_at',
  'cancel_from',
  'cancel_reason',
  'dm_id',
  'dm_name',
  'dm_mobile',
  'rider_start_lat',
  'rider_start_lng',
  'next_event',
  'next_event_at',
] as const satisfies readonly (keyof NewOrder)[];

function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'miaosong.sqlite'));
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoint less often than the default 1000 pages: each checkpoint syncs, and orders write several pages.
  db.pragma('wal_autocheckpoint = 10000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `data dir ${dataDir} was written by a newer shim (schema ${version} > ${SCHEMA_VERSION})`,
    );
  }
  db.transaction(() => {
    for (let step = version; step < SCHEMA_VERSION; step += 1) db.exec(MIGRATIONS[step]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  return db;
}

export type Store = ReturnType<typeof createStore>;

export function createStore(dataDir: string) {
  const db = openDatabase(dataDir);
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  const staged = createStagedCallbacks();
  // Every request looks up its app and most look up a shop; both change only through seeding and /admin.
  const apps = new Map<string, AppRow>();
  const shops = new Map<string, ShopRow>();
  const orderInsert = db.prepare(
    `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const orderUpdate = db.prepare(
    `UPDATE orders SET ${ORDER_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
  );
  const statements = {
    metaGet: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    metaSet: db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    merchantUpsert: db.prepare<MerchantRow>(
      'INSERT INTO merchants (source_id, name) VALUES (@source_id, @name) ON CONFLICT (source_id) DO UPDATE SET name = excluded.name',
    ),
    merchantGet: db.prepare<[string], MerchantRow>('SELECT * FROM merchants WHERE source_id = ?'),
    appUpsert: db.prepare<AppRow>(
      `INSERT INTO apps (app_key, app_secret, source_id) VALUES (@app_key, @app_secret, @source_id)
       ON CONFLICT (app_key) DO UPDATE SET app_secret = excluded.app_secret, source_id = excluded.source_id`,
    ),
    appGet: db.prepare<[string], AppRow>('SELECT * FROM apps WHERE app_key = ?'),
    shopUpsert: db.prepare<ShopRow>(
      `INSERT INTO shops (source_id, shop_no, name, city_code, address, phone, lat, lng)
       VALUES (@source_id, @shop_no, @name, @city_code, @address, @phone, @lat, @lng)
       ON CONFLICT (source_id, shop_no) DO UPDATE SET name = excluded.name, city_code = excluded.city_code,
         address = excluded.address, phone = excluded.phone, lat = excluded.lat, lng = excluded.lng`,
    ),
    shopGet: db.prepare<[string, string], ShopRow>('SELECT * FROM shops WHERE source_id = ? AND shop_no = ?'),
    quoteInsert: db.prepare<QuoteRow>(
      `INSERT INTO quotes (delivery_no, source_id, origin_id, request, created_at, expires_at, used_at)
       VALUES (@delivery_no, @source_id, @origin_id, @request, @created_at, @expires_at, @used_at)`,
    ),
    quoteGet: db.prepare<[string, string], QuoteRow>(
      'SELECT * FROM quotes WHERE delivery_no = ? AND source_id = ?',
    ),
    quoteUse: db.prepare<[number, string]>('UPDATE quotes SET used_at = ? WHERE delivery_no = ?'),
    orderGet: db.prepare<[string, string], OrderRow>(
      'SELECT * FROM orders WHERE source_id = ? AND origin_id = ?',
    ),
    ordersDue: db.prepare<[number, number], OrderRow>(
      'SELECT * FROM orders WHERE next_event_at IS NOT NULL AND next_event_at <= ? ORDER BY next_event_at, id LIMIT ?',
    ),
    nextOrderEventAfter: db.prepare<[number], { at: number | null }>(
      'SELECT MIN(next_event_at) AS at FROM orders WHERE next_event_at > ?',
    ),
    orderCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM orders'),
    changeInsert: db.prepare<NewStatusChange>(
      `INSERT INTO status_changes (order_id, status, client_id, at, cancel_from, cancel_reason, callback_url, payload,
         delivery, next_attempt_at)
       VALUES (@order_id, @status, @client_id, @at, @cancel_from, @cancel_reason, @callback_url, @payload,
         'pending', @next_attempt_at)`,
    ),
    changesOf: db.prepare<[number], StatusChangeRow>(
      'SELECT * FROM status_changes WHERE order_id = ? ORDER BY id',
    ),
    // Per order, only the oldest pending callback is eligible, so receivers see status changes in order.
    callbacksDue: db.prepare<
      { now: number; afterAt: number; afterId: number; limit: number },
      PendingCallback
    >(
      `SELECT ${CALLBACK_COLUMNS} FROM status_changes c
       WHERE c.delivery = 'pending' AND c.next_attempt_at <= @now
         AND (c.next_attempt_at, c.id) > (@afterAt, @afterId) AND ${ELIGIBLE}
       ORDER BY c.next_attempt_at, c.id LIMIT @limit`,
    ),
    callbacksNextOf: db.prepare<[string], PendingCallback>(
      `SELECT ${CALLBACK_COLUMNS} FROM status_changes c
       WHERE c.order_id IN (SELECT value FROM json_each(?)) AND c.delivery = 'pending' AND ${ELIGIBLE}`,
    ),
    // Through the partial index of pending rows: DISTINCT would make SQLite walk every row by order instead.
    pendingCallbackOrders: db.prepare<[], { order_id: number }>(
      `SELECT order_id FROM status_changes INDEXED BY status_changes_pending WHERE delivery = 'pending'`,
    ),
    nextCallbackAfter: db.prepare<[number], { at: number | null }>(
      `SELECT MIN(next_attempt_at) AS at FROM status_changes WHERE delivery = 'pending' AND next_attempt_at > ?`,
    ),
    // The attempts guard drops a stale outcome if another attempt already recorded one.
    outcomeUpdate: db.prepare<{
      id: number;
      attemptsBefore: number;
      delivery: string;
      at: number;
      nextAttemptAt: number;
      error: string | null;
    }>(
      `UPDATE status_changes SET delivery = @delivery, attempts = attempts + 1, next_attempt_at = @nextAttemptAt,
         last_error = @error, delivered_at = CASE WHEN @delivery = 'delivered' THEN @at ELSE NULL END
       WHERE id = @id AND attempts = @attemptsBefore`,
    ),
    deliveryCounts: db.prepare<[], { delivery: string; n: number }>(
      'SELECT delivery, COUNT(*) AS n FROM status_changes GROUP BY delivery',
    ),
  };

  return {
    transaction: <T>(fn: () => T): T => staged.guard(() => inTransaction(fn) as T),
    getMeta: (key: string) => statements.metaGet.get(key)?.value,
    setMeta: (key: string, value: string) => void statements.metaSet.run(key, value),
    upsertMerchant: (row: MerchantRow) => void statements.merchantUpsert.run(row),
    getMerchant: (sourceId: string) => statements.merchantGet.get(sourceId),
    upsertApp: (row: AppRow) => {
      statements.appUpsert.run(row);
      apps.clear();
    },
    getApp: (appKey: string) => {
      // Misses are not cached: unknown keys come from callers and would grow the map without bound.
      let app = apps.get(appKey);
      if (!app) {
        app = statements.appGet.get(appKey);
        if (app) apps.set(appKey, app);
      }
      return app;
    },
    upsertShop: (row: ShopRow) => {
      statements.shopUpsert.run(row);
      shops.clear();
    },
    getShop: (sourceId: string, shopNo: string) => {
      const key = `${sourceId}\u0000${shopNo}`;
      let shop = shops.get(key);
      if (!shop) {
        shop = statements.shopGet.get(sourceId, shopNo);
        if (shop) shops.set(key, shop);
      }
      return shop;
    },
    insertQuote: (row: QuoteRow) => void statements.quoteInsert.run(row),
    getQuote: (deliveryNo: string, sourceId: string) => statements.quoteGet.get(deliveryNo, sourceId),
    markQuoteUsed: (deliveryNo: string, at: number) => void statements.quoteUse.run(at, deliveryNo),
    getOrder: (sourceId: string, originId: string) => statements.orderGet.get(sourceId, originId),
    insertOrder: (row: NewOrder): OrderRow => {
      const info = orderInsert.run(row);
      return { ...row, id: Number(info.lastInsertRowid) };
    },
    updateOrder: (row: OrderRow) => void orderUpdate.run(row),
    dueOrders: (now: number, limit: number) => statements.ordersDue.all(now, limit),
    /** The earliest scheduled order event strictly after `time`. */
    nextOrderEventAfter: (time: number) => statements.nextOrderEventAfter.get(time)?.at ?? null,
    countOrders: () => statements.orderCount.get()?.n ?? 0,
    /** Appends a change with its callback pending; the callback is handed over by {@link takeCommittedCallbacks}. */
    insertStatusChange: (row: NewStatusChange): void => {
      const id = Number(statements.changeInsert.run(row).lastInsertRowid);
      const { order_id, callback_url, payload, next_attempt_at } = row;
      staged.add({ id, order_id, callback_url, payload, attempts: 0, next_attempt_at });
    },
    /** The callbacks inserted since the last call, once no transaction is open (all of them committed). */
    takeCommittedCallbacks: (): PendingCallback[] => (db.inTransaction ? [] : staged.take()),
    /** An order's timeline, oldest first, with each change's callback delivery state. */
    statusChangesOf: (orderId: number) => statements.changesOf.all(orderId),
    /** Eligible callbacks due by `now`, in (next_attempt_at, id) order after the key `after`. */
    dueCallbacks: (now: number, after: CallbackKey, limit: number) =>
      statements.callbacksDue.all({ now, afterAt: after.at, afterId: after.id, limit }),
    /** For each of these orders, its oldest pending callback, due or not. */
    nextCallbacksOf: (orderIds: readonly number[]) =>
      statements.callbacksNextOf.all(JSON.stringify(orderIds)),
    /** Every order with a callback still pending (what a restarted dispatcher must read from the store). */
    ordersWithPendingCallbacks: () =>
      new Set(statements.pendingCallbackOrders.all().map((row) => row.order_id)),
    /** The earliest pending callback attempt strictly after `time`. */
    nextCallbackAfter: (time: number) => statements.nextCallbackAfter.get(time)?.at ?? null,
    recordOutcomes: (outcomes: readonly DeliveryOutcome[]) => {
      inTransaction(() => {
        for (const outcome of outcomes) statements.outcomeUpdate.run(outcome);
      });
    },
    deliveryCounts: () =>
      Object.fromEntries(statements.deliveryCounts.all().map((row) => [row.delivery, row.n])) as Partial<
        Record<StatusChangeRow['delivery'], number>
      >,
    close: (): void => void db.close(),
  };
}
