#!/usr/bin/env node
// Bundle budgets: bundles a package entry the way an app bundler would (minified, tree-shaken),
// gzips it, and fails when it is over budget or pulls in a forbidden module. Deterministic, so
// `npm test` enforces it. Budgets live in the package's package.json under "budget".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const budgets = pkg.budget ?? [];
let failed = 0;
for (const { entry, maxGzipBytes, forbid = [] } of budgets) {
  const result = await build({
    entryPoints: [join(dir, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = inputs.filter((input) => forbid.some((pattern) => input.includes(pattern)));
  const ok = gzip <= maxGzipBytes && forbidden.length === 0;
  if (!ok) failed += 1;
  console.log(
    `${ok ? '✓' : '✖'} ${pkg.name} ${entry}: ${code.byteLength} B min, ${gzip} B min+gzip (budget ${maxGzipBytes} B)` +
      (forbidden.length ? `; forbidden modules: ${forbidden.join(', ')}` : ''),
  );
}
process.exit(failed ? 1 : 0);
