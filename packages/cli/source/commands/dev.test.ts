// `jingmai dev` as a user runs it: the built CLI spawned in an app folder, the printed URL
// fetched, Ctrl-C. The app lives under packages/cli/.test-apps so @jingmai/sdk resolves.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(PACKAGE, 'dist/bin.js');

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let app = '';
beforeAll(async () => {
  await mkdir(join(PACKAGE, '.test-apps'), { recursive: true });
  app = await mkdtemp(join(PACKAGE, '.test-apps', 'dev-'));
  await mkdir(join(app, 'source'));
  await writeFile(
    join(app, 'jingmai.app.json'),
    JSON.stringify({
      id: 'com.example.dev',
      name: 'Dev 测试',
      version: '1.0.0',
      entry: 'http://localhost:4001/dev/',
      scopes: [{ scope: 'ui', purpose: 'Show toasts.' }],
      protocol: { versions: [1] },
    }),
  );
  await writeFile(
    join(app, 'index.html'),
    '<!doctype html><html><head></head><body><script type="module" src="./source/main.ts"></script></body></html>',
  );
  await writeFile(join(app, 'source/main.ts'), "import { connect } from '@jingmai/sdk';\nawait connect();\n");
});
afterAll(() => rm(app, { recursive: true, force: true }));

function started(child: ChildProcess): Promise<{ url: string; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jingmai sandbox: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], output });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('jingmai dev', () => {
  it('serves the console and the app, prints one URL, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'dev'], { cwd: join(app, 'source'), stdio: 'pipe' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const { url, output } = await started(child);
      expect(output.match(/Jingmai sandbox: /g)).toHaveLength(1);
      expect(output).toContain('1 app(s): Dev 测试');
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('京麦');
      const config = (await (await fetch(new URL('/config.json', url))).json()) as {
        apps: { manifest: { id: string }; src: string }[];
      };
      expect(config.apps.map((entry) => entry.manifest.id)).toEqual(['com.example.dev']);
      const appPage = await fetch(config.apps[0]?.src ?? '');
      expect(appPage.headers.get('access-control-allow-origin')).toBe('*');
      expect(await appPage.text()).toContain('<script type="module" src="./main.js"></script>');
      const bundle = await fetch(new URL('main.js', config.apps[0]?.src));
      expect(bundle.status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('says what to do outside an app folder', async () => {
    const child = spawn(process.execPath, [BIN, 'dev'], { cwd: PACKAGE, stdio: 'pipe' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('no jingmai.app.json');
  });
});
