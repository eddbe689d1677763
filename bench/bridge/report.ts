// The markdown tables the suite prints.
import type { Costs, Transport } from './contract.js';

/** One row of results: a value per transport, and how ours compares to raw against its goal. */
export interface Row {
  readonly metric: string;
  readonly values: Record<Transport, number>;
  readonly digits: number;
  /** `max`: ours/raw must stay at or below the ratio; `min`: at or above. */
  readonly goal?: { readonly kind: 'max' | 'min'; readonly ratio: number };
  readonly note?: string;
}

const format = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function goalCell(row: Row): string {
  if (!row.goal) return row.note ?? '';
  const ratio = row.values.ours / row.values.raw;
  const met = row.goal.kind === 'max' ? ratio <= row.goal.ratio : ratio >= row.goal.ratio;
  return `${row.goal.kind === 'max' ? '≤' : '≥'} ${row.goal.ratio.toFixed(2)}x: ${met ? 'met' : 'missed'}`;
}

/** The results table: raw, ours and comlink, with ratios to raw and ours' goal. */
export function resultsTable(rows: readonly Row[]): string {
  const lines = [
    '| metric | raw | ours | ours/raw | comlink | comlink/raw | goal for ours/raw |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const { raw, ours, comlink } = row.values;
    lines.push(
      `| ${row.metric} | ${format(raw, row.digits)} | ${format(ours, row.digits)} | ${(ours / raw).toFixed(2)}x | ${format(comlink, row.digits)} | ${(comlink / raw).toFixed(2)}x | ${goalCell(row)} |`,
    );
  }
  return lines.join('\n');
}

/** The per-call cost breakdown. */
export function costsTable(costs: Costs): string {
  const lines = ['| per call, measured in the console page | µs |', '|---|---:|'];
  for (const [what, us] of Object.entries(costs)) lines.push(`| ${what} | ${us.toFixed(3)} |`);
  return lines.join('\n');
}
