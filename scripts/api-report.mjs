#!/usr/bin/env node
// API reports: `check` fails when a package's public API differs from its checked-in
// `<name>.api.md`; `update` rewrites the reports; `docs` also renders docs/api with api-documenter.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = new URL('..', import.meta.url).pathname;
const mode = process.argv[2] ?? 'check';
if (!['check', 'update', 'docs'].includes(mode)) {
  console.error('usage: api-report.mjs check|update|docs');
  process.exit(2);
}

const configs = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(join(root, 'packages', entry.name))
      .filter((file) => /^api-extractor(\.[\w-]+)?\.json$/.test(file))
      .map((file) => join(root, 'packages', entry.name, file)),
  );

rmSync(join(root, 'temp/api'), { recursive: true, force: true });
let failed = 0;
for (const path of configs) {
  const config = ExtractorConfig.loadFileAndPrepare(path);
  const result = Extractor.invoke(config, { localBuild: mode !== 'check', showVerboseMessages: false });
  const name = path.slice(root.length);
  if (result.succeeded) console.log(`✓ ${name}`);
  else {
    failed += 1;
    const why = result.apiReportChanged
      ? 'the public API changed: run "pnpm api:update" and commit the .api.md report with the change'
      : `${result.errorCount} errors`;
    console.error(`✖ ${name}: ${why}`);
  }
}
if (mode === 'docs' && failed === 0) {
  const documenter = spawnSync(
    'pnpm',
    ['exec', 'api-documenter', 'markdown', '-i', 'temp/api', '-o', 'docs/api'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (documenter.status !== 0) failed += 1;
}
console.log(`API reports: ${configs.length - failed} of ${configs.length} up to date`);
process.exit(failed ? 1 : 0);
