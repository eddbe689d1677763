// The inspector's filter: free text (method, arguments, error), one method, one outcome.
import type { CallRecord } from '@jingmai/host';
import { toPlain } from './call-json';

/** How a call ended: through and fine, through and failed, or refused by the bridge's checks. */
export type Outcome = 'ok' | 'failed' | 'refused';

export function outcomeOf(record: CallRecord): Outcome {
  if (record.ok) return 'ok';
  return record.decision === 'refused' ? 'refused' : 'failed';
}

export interface CallFilter {
  readonly text: string;
  /** A method name, or "" for all. */
  readonly method: string;
  readonly outcome: Outcome | 'all';
}

export const NO_FILTER: CallFilter = { text: '', method: '', outcome: 'all' };

function searchable(record: CallRecord): string {
  const parts = [record.method, JSON.stringify(toPlain(record.params))];
  if (record.error) parts.push(record.error.code, record.error.message);
  return parts.join(' ').toLowerCase();
}

/** The records `filter` keeps, in their order. */
export function filterCalls(records: readonly CallRecord[], filter: CallFilter): CallRecord[] {
  const text = filter.text.trim().toLowerCase();
  return records.filter(
    (record) =>
      (!filter.method || record.method === filter.method) &&
      (filter.outcome === 'all' || outcomeOf(record) === filter.outcome) &&
      (!text || searchable(record).includes(text)),
  );
}
