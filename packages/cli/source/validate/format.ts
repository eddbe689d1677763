// The human-readable validation report: one finding per entry, `file:line:column` first so
// terminals and editors link it.
import { formatKiB } from '@jingmai/vite-plugin';
import type { Finding } from './finding.js';
import type { ValidationReport } from './validate-app.js';

function where(finding: Finding): string {
  if (!finding.file) return '(app)';
  return [finding.file, finding.line, finding.column].filter((part) => part !== undefined).join(':');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The report as text: errors before warnings, each in file and line order. */
export function formatReport(report: ValidationReport): string {
  const order = (finding: Finding) => (finding.severity === 'error' ? 0 : 1);
  const findings = [...report.findings].sort(
    (a, b) =>
      order(a) - order(b) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
  const lines = findings.map(
    (finding) =>
      `${where(finding)}  ${finding.severity}  ${finding.rule}\n  ${finding.message.replaceAll('\n', '\n  ')}\n  fix: ${finding.fix}`,
  );
  if (report.bundle) {
    const { totalGzipBytes, budgetBytes } = report.bundle;
    lines.push(`Bundle: ${formatKiB(totalGzipBytes)} of ${formatKiB(budgetBytes)} JavaScript (min+gzip)`);
  }
  const verdict = report.ok ? '✓ valid' : '✖ invalid';
  lines.push(`${verdict}: ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
  return `${lines.join('\n\n')}\n`;
}
