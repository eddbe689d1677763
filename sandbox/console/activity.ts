// What the console has seen of one app, kept outside the app's frame so reloads, hot reloads
// and app switches keep it: bridge calls, forwarded errors, build problems, delivery status events.
import type { CallRecord } from '@jingmai/host';
import type { DeliveryOrder } from '@jingmai/protocol';
import { useEffect, useState } from 'preact/hooks';
import type { BuildProblem, DevErrorReport } from '../shared/dev-events';
import { appendStatus, type StatusEvent } from './delivery/status-timeline';

/** A place in the app's sources (or its bundle when no source map knew better). */
export interface ErrorLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** An app error as the errors panel shows it. */
export interface AppError extends DevErrorReport {
  readonly id: number;
  readonly location: ErrorLocation | null;
}

const MAX_CALLS = 1000;
const MAX_ERRORS = 200;

/** One app's activity; components subscribe with {@link useActivity}. */
export class AppActivity {
  calls: readonly CallRecord[] = [];
  errors: readonly AppError[] = [];
  problems: readonly BuildProblem[] = [];
  readonly statuses = new Map<string, readonly StatusEvent[]>();
  private nextErrorId = 1;
  private readonly listeners = new Set<() => void>();

  addCall(record: CallRecord): void {
    this.calls = [...this.calls.slice(-(MAX_CALLS - 1)), record];
    this.changed();
  }

  clearCalls(): void {
    this.calls = [];
    this.changed();
  }

  addError(report: DevErrorReport, location: ErrorLocation | null): number {
    const id = this.nextErrorId++;
    this.errors = [...this.errors.slice(-(MAX_ERRORS - 1)), { ...report, id, location }];
    this.changed();
    return id;
  }

  /** Replaces an error's location and stack once the server mapped them to the sources. */
  locateError(id: number, location: ErrorLocation | null, stack: string): void {
    this.errors = this.errors.map((error) =>
      error.id === id ? { ...error, location: location ?? error.location, stack } : error,
    );
    this.changed();
  }

  clearErrors(): void {
    this.errors = [];
    this.changed();
  }

  setProblems(problems: readonly BuildProblem[]): void {
    this.problems = problems;
    this.changed();
  }

  addStatus(order: DeliveryOrder, receivedAt: number): void {
    this.statuses.set(order.orderId, appendStatus(this.statuses.get(order.orderId) ?? [], order, receivedAt));
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Re-renders the component whenever `activity` changes. */
export function useActivity(activity: AppActivity): void {
  const [, setTick] = useState(0);
  useEffect(() => activity.subscribe(() => setTick((tick) => tick + 1)), [activity]);
}
