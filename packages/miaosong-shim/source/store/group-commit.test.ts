// Group commit: one transaction per event-loop turn, one savepoint per write, callers settled after commit.

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

let db: Database.Database;
let commits: number;
let rollbacks: number;

beforeEach(() => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY);
    CREATE TABLE items (name TEXT PRIMARY KEY,
      parent INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)`);
  commits = 0;
  rollbacks = 0;
});
afterEach(() => db.close());

function groupCommit() {
  const transaction = db.transaction((fn: () => unknown) => fn());
  return createGroupCommit({
    transaction: <T>(fn: () => T) => transaction(fn) as T,
    onRollback: () => {
      rollbacks += 1;
    },
    onCommit: () => {
      commits += 1;
    },
  });
}

const insert =
  (name: string, parent: number | null = null) =>
  () => {
    db.prepare('INSERT INTO items (name, parent) VALUES (?, ?)').run(name, parent);
    return name;
  };
const names = () => (db.prepare('SELECT name FROM items ORDER BY name').pluck().all() as string[]).join(',');

describe('group commit', () => {
  it('commits the writes of one turn together and settles each caller after the commit', async () => {
    const writes = groupCommit();
    const pending = ['a', 'b', 'c'].map((name) => writes.run(insert(name)));
    expect(names()).toBe(''); // nothing runs before the end of the turn
    expect(await Promise.all(pending)).toEqual(['a', 'b', 'c']);
    expect(names()).toBe('a,b,c');
    expect(commits).toBe(1);
    expect(db.inTransaction).toBe(false);
  });

  it('lets each write see the ones queued before it in the same batch', async () => {
    const writes = groupCommit();
    const once = () => {
      if (db.prepare('SELECT 1 FROM items WHERE name = ?').get('x')) throw new Error('duplicate');
      return insert('x')();
    };
    const outcomes = await Promise.allSettled([writes.run(once), writes.run(once)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(names()).toBe('x');
  });

  it('rolls back a failing write alone, gives it its own error and commits the others', async () => {
    const writes = groupCommit();
    const failing = () => {
      insert('half-done')();
      throw new Error('refused');
    };
    const outcomes = await Promise.allSettled([
      writes.run(insert('a')),
      writes.run(failing),
      writes.run(insert('b')),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'a' });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { message: 'refused' } });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 'b' });
    expect(names()).toBe('a,b');
    expect(rollbacks).toBe(1);
    expect(commits).toBe(1);
  });

  it('rejects every caller of a batch whose commit fails, and stores nothing of it', async () => {
    const writes = groupCommit();
    const refused = () => {
      throw new Error('own error');
    };
    // The deferred foreign key is checked only at COMMIT, so every write succeeds and the commit fails.
    const outcomes = await Promise.allSettled([
      writes.run(insert('a')),
      writes.run(refused),
      writes.run(insert('orphan', 42)),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : o.value))).toEqual([
      'FOREIGN KEY constraint failed',
      'own error',
      'FOREIGN KEY constraint failed',
    ]);
    expect(names()).toBe('');
    expect(commits).toBe(0);
    expect(db.inTransaction).toBe(false);

    // The next turn starts a fresh batch.
    expect(await writes.run(insert('later'))).toBe('later');
    expect(names()).toBe('later');
  });

  it('commits what is queued at once on flush', async () => {
    const writes = groupCommit();
    const pending = writes.run(insert('a'));
    writes.flush();
    expect(names()).toBe('a');
    expect(await pending).toBe('a');
    expect(commits).toBe(1);
  });
});
