// Staged callbacks follow the transaction that inserted them: kept on commit, dropped on rollback.

import { describe, expect, it } from 'vitest';
import type { PendingCallback } from './rows.js';
import { createStagedCallbacks } from './staged-callbacks.js';

const row = (id: number): PendingCallback => ({
  id,
  order_id: 1,
  callback_url: 'http://127.0.0.1/callback',
  payload: '{}',
  attempts: 0,
  next_attempt_at: 0,
});

describe('staged callbacks', () => {
  it('drops only the rows of a savepoint that threw, and hands the rest over once', () => {
    const staged = createStagedCallbacks();
    staged.guard(() => {
      staged.add(row(1));
      expect(() =>
        staged.guard(() => {
          staged.add(row(2));
          throw new Error('rolled back');
        }),
      ).toThrow('rolled back');
      staged.add(row(3));
    });
    expect(staged.take().map((r) => r.id)).toEqual([1, 3]);
    expect(staged.take()).toEqual([]);
  });

  it('drops every row of a transaction whose commit failed', () => {
    const staged = createStagedCallbacks();
    expect(() =>
      staged.guard(() => {
        staged.add(row(1));
        throw new Error('commit failed');
      }),
    ).toThrow('commit failed');
    expect(staged.take()).toEqual([]);
  });
});
