// The bin: --help, and a start that prints the base URL and the seeded credentials.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from './testing/harness.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const args = (...rest: string[]) => ['--import', 'tsx', cli, ...rest];
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

// Each test starts node with tsx; on a loaded two-core machine that alone can take seconds.
describe('jingmai-miaosong', { timeout: 30_000 }, () => {
  it('prints usage with --help', () => {
    const run = spawnSync(process.execPath, args('--help'), { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/--data-dir/);
    expect(run.stdout).toMatch(/--clock/);
  });

  it('starts and prints the base URL and seeded credentials', async () => {
    const { dir, remove } = tempDataDir();
    child = spawn(process.execPath, args('--data-dir', dir, '--port', '0', '--clock', 'manual'), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('admin:')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/app_key:\s+dada73753sandbox/);
    expect(out).toMatch(/source_id:\s+73753/);
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    remove();
  });

  it('refuses a bad --clock', () => {
    const run = spawnSync(process.execPath, args('--clock', 'fast'), { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--clock must be/);
  });
});
