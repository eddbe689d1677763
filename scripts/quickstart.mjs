#!/usr/bin/env node
// The two commands of the README: `npm start` and `npm test`.
// Each installs what is missing (pnpm, dependencies, Chromium for tests) and is cheap to rerun.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PNPM_VERSION = '12.21.0';
const root = new URL('..', import.meta.url).pathname;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const reports = join(root, '.reports');

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.error) return { status: 127, error: result.error };
  return { status: result.status ?? 1 };
}

function capture(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

function ensurePnpm() {
  if (capture('pnpm', ['--version']) === PNPM_VERSION) return 'pnpm';
  const local = join(root, '.tools/node_modules/.bin/pnpm');
  if (existsSync(local) && capture(local, ['--version']) === PNPM_VERSION) return local;
  console.log(`→ installing pnpm ${PNPM_VERSION} with npm`);
  if (isRoot && run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]).status === 0) {
    if (capture('pnpm', ['--version']) === PNPM_VERSION) return 'pnpm';
  }
  // Without root (or a writable global prefix) pnpm goes into the checkout instead.
  if (
    run('npm', ['install', '--prefix', join(root, '.tools'), '--no-save', `pnpm@${PNPM_VERSION}`]).status !==
    0
  ) {
    fail(`could not install pnpm ${PNPM_VERSION}: run "npm install --global pnpm@${PNPM_VERSION}" and retry`);
  }
  return local;
}

function ensureDependencies(pnpm) {
  const args = ['install', '--prefer-offline'];
  if (process.env.CI) args.push('--frozen-lockfile');
  const env = { ...process.env };
  // Native addons (better-sqlite3) build against the installed Node headers; without this,
  // node-gyp tries to download them, which fails on machines without general network access.
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  if (run(pnpm, args, { env }).status !== 0) fail('pnpm install failed (see above)');
}

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && existsSync(path));
}

function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (!isRoot) {
    fail(
      'Chromium is needed for the browser tests. Install Debian\'s package ("sudo apt-get install chromium")\n' +
        '  or point CHROMIUM_PATH at a Chromium binary, then run npm test again.',
    );
  }
  console.log('→ installing Debian chromium with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update'], { env }).status !== 0) fail('apt-get update failed');
  if (run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env }).status !== 0) {
    fail('apt-get install chromium failed');
  }
  return findChromium() ?? fail('chromium was installed but /usr/bin/chromium is missing');
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function test(pnpm) {
  const chromium = ensureChromium();
  mkdirSync(reports, { recursive: true });
  const env = { ...process.env, CHROMIUM_PATH: chromium };
  const steps = [
    ['lint', ['run', 'lint']],
    ['typecheck + build', ['run', 'build']],
    [
      'unit tests',
      [
        'exec',
        'vitest',
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${reports}/vitest.json`,
      ],
    ],
    ['API reports', ['run', 'api:check']],
    ['bundle budgets', ['run', '--recursive', '--if-present', 'size']],
    [
      'browser tests',
      ['exec', 'playwright', 'test', '--reporter=list,json'],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` },
    ],
  ];
  const failed = [];
  for (const [name, args, extraEnv] of steps) {
    console.log(`\n━━ ${name} ━━`);
    if (run(pnpm, args, { env: { ...env, ...extraEnv } }).status !== 0) failed.push(name);
  }
  const unit = readJson(join(reports, 'vitest.json'));
  const browser = readJson(join(reports, 'playwright.json'));
  const passed = (unit?.numPassedTests ?? 0) + (browser?.stats?.expected ?? 0) + (browser?.stats?.flaky ?? 0);
  const failedTests = (unit?.numFailedTests ?? 0) + (browser?.stats?.unexpected ?? 0);
  const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (browser?.stats?.skipped ?? 0);
  console.log('\n━━ summary ━━');
  console.log(`unit: ${unit?.numPassedTests ?? 0} passed, ${unit?.numFailedTests ?? 0} failed`);
  console.log(`browser: ${browser?.stats?.expected ?? 0} passed, ${browser?.stats?.unexpected ?? 0} failed`);
  if (failed.length) console.log(`failed steps: ${failed.join(', ')}`);
  // Steps without a test count of their own (lint, typecheck, API reports, budgets) count as one failure each.
  const testSteps = new Set(['unit tests', 'browser tests']);
  const failedChecks = failed.filter((name) => !testSteps.has(name)).length;
  console.log(`${passed} passed, ${failedTests + failedChecks} failed, ${skipped} skipped`);
  process.exit(failed.length ? 1 : 0);
}

function start(pnpm) {
  if (run(pnpm, ['run', 'build']).status !== 0) fail('build failed (see above)');
  const result = run(pnpm, ['--filter', '@jingmai/sandbox', 'run', 'start']);
  process.exit(result.status);
}

const command = process.argv[2];
if (command !== 'start' && command !== 'test') fail('usage: quickstart.mjs start|test');
const pnpm = ensurePnpm();
ensureDependencies(pnpm);
if (command === 'test') test(pnpm);
else start(pnpm);
