// Every example as it would be submitted: `jingmai build` within the budget its vite.config.ts sets,
// then `jingmai validate` without errors. Spawns the built CLI, so it needs `tsc -b` first.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
// Apps built with Vite and the Jingmai plugin (hello and sandbox-demo are bundled by the sandbox).
const built = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'vite.config.ts')));

function jingmai(app: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: join(EXAMPLES, app), env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('examples as submitted', () => {
  it('has the Preact examples to check', () => {
    expect(built.sort()).toEqual(['delivery-dispatch', 'listing-assistant', 'product-gallery']);
  });

  it.each(built)(
    '%s builds within its budget and validates with no errors',
    { timeout: 120_000 },
    async (app) => {
      expect(existsSync(BIN), `${BIN} is missing: run "pnpm exec tsc -b" first`).toBe(true);
      const build = await jingmai(app, 'build');
      expect(build.code, build.stderr).toBe(0);
      expect(build.stdout).toMatch(/within the budget of/);
      const validate = await jingmai(app, 'validate', '--json');
      const report = JSON.parse(validate.stdout);
      expect(report).toMatchObject({ ok: true, errors: 0 });
      expect(report.bundle.totalGzipBytes).toBeLessThanOrEqual(report.bundle.budgetBytes);
      // The only finding is the localhost entry, which the sandbox serves during development.
      expect(report.findings.map((finding: { rule: string }) => finding.rule)).toEqual([
        'manifest/local-entry',
      ]);
    },
  );
});
