// Group commit: writes queued during one event-loop turn run in one SQLite transaction, so a burst of
// concurrent requests pays for one commit, and each B-tree page they share is written to the WAL once
// instead of once per request. Every write runs in its own savepoint: one that throws is rolled back alone
// and its caller gets that error, while the rest of the batch still commits. Callers hear back only after
// the commit, so an answered write is exactly as durable as with a transaction of its own.
//
// The writes of a batch run one after another on one connection, so each sees everything queued before it:
// two requests with the same origin_id still create one order.

export interface GroupCommitDeps {
  /** Runs `fn` in a transaction, or in a savepoint when one is already open. */
  readonly transaction: <T>(fn: () => T) => T;
  /**
   * Called right after a rollback (of one write's savepoint, or of a whole batch whose commit failed),
   * before the next write runs, so in-memory state mirrored from the database can be read back.
   */
  readonly onRollback: () => void;
  /** Called once after each commit that stored at least one write. */
  readonly onCommit: () => void;
}

interface QueuedWrite {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

export type GroupCommit = ReturnType<typeof createGroupCommit>;

export function createGroupCommit(deps: GroupCommitDeps) {
  let queue: QueuedWrite[] = [];

  function runEach(batch: readonly QueuedWrite[], outcomes: Outcome[]): void {
    for (const write of batch) {
      try {
        outcomes.push({ ok: true, value: deps.transaction(write.work) });
      } catch (error) {
        deps.onRollback();
        outcomes.push({ ok: false, error });
      }
    }
  }

  function flush(): void {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const outcomes: Outcome[] = [];
    try {
      deps.transaction(() => runEach(batch, outcomes));
    } catch (commitError) {
      // Nothing of the batch is stored; writes that had failed on their own keep their own error.
      deps.onRollback();
      batch.forEach((write, i) => {
        const outcome = outcomes[i];
        write.reject(outcome && !outcome.ok ? outcome.error : commitError);
      });
      return;
    }
    if (outcomes.some((outcome) => outcome.ok)) deps.onCommit();
    batch.forEach((write, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  return {
    /** Queues `work` for the next batch; settles once that batch committed (or with `work`'s own error). */
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        // Check phase: runs after the poll phase has handed every readable socket's request to its handler.
        if (queue.length === 0) setImmediate(flush);
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      });
    },
    /** Commits what is queued now instead of at the end of the turn (before closing the database). */
    flush,
  };
}
