// The app as it is submitted: `jingmai build` within the budget set in vite.config.ts, then
// `jingmai validate` without errors. Spawns the built CLI, so it needs `tsc -b` first.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../../../packages/cli/dist/bin.js', import.meta.url));

function jingmai(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: APP, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('jingmai build and validate', () => {
  it('builds within the budget and validates with no errors', { timeout: 120_000 }, async () => {
    expect(existsSync(BIN), `${BIN} is missing: run "pnpm exec tsc -b" first`).toBe(true);
    const build = await jingmai('build');
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/within the budget of 24\.0 KiB/);
    const validate = await jingmai('validate', '--json');
    const report = JSON.parse(validate.stdout);
    expect(report).toMatchObject({ ok: true, errors: 0, bundle: { budgetBytes: 24 * 1024 } });
    expect(report.bundle.totalGzipBytes).toBeLessThanOrEqual(report.bundle.budgetBytes);
    // The only finding is the localhost entry, which the sandbox serves during development.
    expect(report.findings.map((finding: { rule: string }) => finding.rule)).toEqual([
      'manifest/local-entry',
    ]);
  });
});
