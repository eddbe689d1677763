// Waybill numbers (client_id) in blocks: the reserved ceiling is persisted once per block rather than once
// per order, and a restart continues above it, so numbers never repeat (gaps are fine).

import type { Store } from '../store/sqlite.js';

const KEY = 'client_id_ceiling';
const BLOCK = 1000;
const BASE = 300_000_000_000_000;

export function createWaybillNumbers(store: Store) {
  let next = 0;
  let ceiling = 0;
  const load = () => {
    ceiling = Number(store.getMeta(KEY) ?? '0');
    next = ceiling;
  };
  load();
  return {
    /** Must run inside the transaction that uses the number. */
    take(): string {
      if (next >= ceiling) {
        ceiling = next + BLOCK;
        store.setMeta(KEY, String(ceiling));
      }
      next += 1;
      return String(BASE + next);
    },
    /** After a rolled-back transaction the persisted ceiling may be behind; start again from it. */
    reload: load,
  };
}
