// Table definitions. Bump SCHEMA_VERSION and add a step to MIGRATIONS when a table changes.

export const SCHEMA_VERSION = 1;

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE merchants (source_id TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE apps (
    app_key TEXT PRIMARY KEY,
    app_secret TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES merchants(source_id)
  );
  CREATE TABLE shops (
    source_id TEXT NOT NULL REFERENCES merchants(source_id),
    shop_no TEXT NOT NULL,
    name TEXT NOT NULL,
    city_code TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    PRIMARY KEY (source_id, shop_no)
  );
  CREATE TABLE quotes (
    delivery_no TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    origin_id TEXT NOT NULL,
    request TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL,
    origin_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    shop_no TEXT NOT NULL,
    city_code TEXT NOT NULL,
    status INTEGER NOT NULL,
    request TEXT NOT NULL,
    callback_url TEXT NOT NULL,
    shop_lat REAL NOT NULL,
    shop_lng REAL NOT NULL,
    receiver_lat REAL NOT NULL,
    receiver_lng REAL NOT NULL,
    distance INTEGER NOT NULL,
    cargo_price_fen INTEGER NOT NULL,
    deliver_fee_fen INTEGER NOT NULL,
    coupon_fee_fen INTEGER NOT NULL,
    insurance_fee_fen INTEGER NOT NULL,
    tips_fen INTEGER NOT NULL,
    deduct_fee_fen INTEGER NOT NULL DEFAULT 0,
    finish_code TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    accepted_at INTEGER,
    arrived_at INTEGER,
    fetched_at INTEGER,
    finished_at INTEGER,
    cancelled_at INTEGER,
    cancel_from INTEGER NOT NULL DEFAULT 0,
    cancel_reason TEXT NOT NULL DEFAULT '',
    dm_id INTEGER,
    dm_name TEXT,
    dm_mobile TEXT,
    rider_start_lat REAL,
    rider_start_lng REAL,
    next_event TEXT,
    next_event_at INTEGER,
    UNIQUE (source_id, origin_id)
  );
  CREATE INDEX orders_next_event ON orders (next_event_at) WHERE next_event_at IS NOT NULL;
  -- The timeline: one row per status change, carrying the delivery state of that change's callback.
  -- One table instead of two keeps a status change to a few B-tree pages per commit.
  CREATE TABLE status_changes (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders(id),
    status INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    cancel_from INTEGER NOT NULL,
    cancel_reason TEXT NOT NULL,
    callback_url TEXT NOT NULL,
    payload TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    delivered_at INTEGER
  );
  CREATE INDEX status_changes_order ON status_changes (order_id, id);
  CREATE INDEX status_changes_pending ON status_changes (next_attempt_at) WHERE delivery = 'pending';
  `,
];
