// The built JavaScript against the budget the app's jingmai() plugin sets.
import { type BundleSize, describeBudget } from '@jingmai/vite-plugin';
import type { Finding } from '../validate/finding.js';

/** A finding when `bundle` is over `budgetBytes`, with every script's size in the message. */
export function checkBundleSize(bundle: BundleSize, budgetBytes: number, outDir: string): Finding[] {
  if (bundle.totalGzipBytes <= budgetBytes) return [];
  return [
    {
      severity: 'error',
      rule: 'bundle/budget',
      message: describeBudget(bundle, budgetBytes),
      fix: 'Remove or lazy-load (import()) large dependencies, or raise jingmai({ budgetBytes }) if the console allows it.',
      file: outDir,
    },
  ];
}
