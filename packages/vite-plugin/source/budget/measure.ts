// Bundle size the way the SDK's budget is measured (scripts/bundle-budget.mjs): minified code,
// gzipped at level 9. Each script is gzipped alone because the browser fetches each alone.
import { gzipSync } from 'node:zlib';

/** The default budget for all of an app's JavaScript, minified and gzipped. */
export const DEFAULT_BUDGET_BYTES = 100 * 1024;

/** One script's size. */
export interface ScriptSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** The sizes of an app's scripts and their gzipped total. */
export interface BundleSize {
  readonly scripts: readonly ScriptSize[];
  readonly totalGzipBytes: number;
}

/** Measures each script; `scripts` maps file names to their code. */
export function measureScripts(scripts: Iterable<readonly [string, string | Uint8Array]>): BundleSize {
  const sizes = [...scripts]
    .map(([file, code]) => {
      const bytes = typeof code === 'string' ? Buffer.from(code) : code;
      return { file, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.file.localeCompare(b.file));
  return { scripts: sizes, totalGzipBytes: sizes.reduce((sum, size) => sum + size.gzipBytes, 0) };
}

/** Bytes as KiB with one decimal, e.g. "12.3 KiB". */
export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** A report of the scripts against the budget, largest first. */
export function describeBudget(size: BundleSize, budgetBytes: number): string {
  const verdict = size.totalGzipBytes > budgetBytes ? 'over' : 'within';
  const lines = size.scripts.map(
    (script) => `  ${script.file}: ${script.bytes} B min, ${script.gzipBytes} B min+gzip`,
  );
  return [
    `JavaScript is ${formatKiB(size.totalGzipBytes)} min+gzip (${size.totalGzipBytes} B), ${verdict} the budget of ${formatKiB(budgetBytes)} (${budgetBytes} B):`,
    ...lines,
  ].join('\n');
}
