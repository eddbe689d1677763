// Callbacks inserted by the transaction in progress. Once it commits they go straight to the dispatcher, which
// so never reads freshly committed rows back; a rolled-back savepoint or transaction takes its rows with it.

import type { PendingCallback } from './rows.js';

export function createStagedCallbacks() {
  let rows: PendingCallback[] = [];
  return {
    add(row: PendingCallback): void {
      rows.push(row);
    },
    /** Runs `fn` (a transaction or savepoint); if it throws, forgets the rows it added. */
    guard<T>(fn: () => T): T {
      const mark = rows.length;
      try {
        return fn();
      } catch (error) {
        rows.length = mark;
        throw error;
      }
    },
    /** The staged rows in insertion (id) order, leaving none. */
    take(): PendingCallback[] {
      const taken = rows;
      rows = [];
      return taken;
    },
  };
}
