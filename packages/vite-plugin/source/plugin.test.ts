import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ManifestInput, parseManifest } from '@jingmai/protocol';
import { build, createServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp/policy.js';
import { type JingmaiOptions, jingmai } from './plugin.js';

const MANIFEST: ManifestInput = {
  id: 'com.example.plugin-test',
  name: 'Plugin test',
  version: '1.2.3',
  entry: 'https://apps.example.com/plugin-test/',
  scopes: [{ scope: 'ui', purpose: 'Show toasts in the console.' }],
  network: { origins: ['https://api.example.com', 'wss://live.example.com'] },
  protocol: { versions: [1] },
};

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function app(manifest: unknown, main = 'document.body.append("hello");'): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'jingmai-plugin-'));
  dirs.push(root);
  await writeFile(join(root, 'jingmai.app.json'), JSON.stringify(manifest));
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><script type="module" src="./main.js"></script></body></html>',
  );
  await writeFile(join(root, 'main.js'), main);
  return root;
}

function viteBuild(root: string, options?: JingmaiOptions) {
  return build({ root, configFile: false, logLevel: 'silent', plugins: [jingmai(options)] });
}

describe('jingmai() in a Vite build', () => {
  it('emits the validated manifest and injects the CSP derived from it', async () => {
    const root = await app(MANIFEST);
    await viteBuild(root);
    const parsed = parseManifest(MANIFEST);
    if (!parsed.ok) throw new Error('fixture manifest is invalid');
    const emitted = JSON.parse(await readFile(join(root, 'dist/jingmai.app.json'), 'utf8'));
    expect(emitted).toEqual(parsed.manifest);

    const html = (await readFile(join(root, 'dist/index.html'), 'utf8')).replaceAll('&#39;', "'");
    const policy = contentSecurityPolicy(parsed.manifest);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${policy}">`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    expect(policy).toBe(
      "default-src 'self'; script-src 'self'; connect-src 'self' https://api.example.com wss://live.example.com; " +
        "img-src 'self' data: blob: https://api.example.com wss://live.example.com; object-src 'none'; base-uri 'none'",
    );
    // Relative asset URLs, so the app works under its entry URL's path.
    expect(html).toMatch(/src="\.\/assets\/index-[\w-]+\.js"/);
  });

  it("allows the console's storage origin in the built CSP of an app holding a storage scope", async () => {
    const withStorage = {
      ...MANIFEST,
      scopes: [{ scope: 'storage:read', purpose: 'Show the product images it stored.' }],
    };
    const root = await app(withStorage);
    await viteBuild(root, { storageOrigins: ['http://127.0.0.1:9000'] });
    const html = (await readFile(join(root, 'dist/index.html'), 'utf8')).replaceAll('&#39;', "'");
    expect(html).toContain(
      "img-src 'self' data: blob: https://api.example.com wss://live.example.com http://127.0.0.1:9000;",
    );
    expect(() => jingmai({ storageOrigins: ['http://127.0.0.1:9000/bucket'] })).toThrow(/is not an origin/);
  });

  it('fails the build with every manifest problem and its fix', async () => {
    const broken = {
      ...MANIFEST,
      id: 'Bad Id',
      scopes: [{ scope: 'camera', purpose: 'x' }],
      network: { origins: ['http://api.example.com'] },
    };
    const root = await app(broken);
    const failure = viteBuild(root);
    await expect(failure).rejects.toThrow(/jingmai\.app\.json has 4 problems/);
    const message = await failure.catch((error: Error) => error.message);
    const result = parseManifest(broken);
    if (result.ok) throw new Error('fixture manifest should be invalid');
    for (const issue of result.errors) {
      expect(message).toContain(`${issue.path}: ${issue.problem}`);
      expect(message).toContain(`fix: ${issue.fix}`);
    }
  });

  it('fails when the manifest is missing, saying how to create one', async () => {
    const root = await app(MANIFEST);
    await rm(join(root, 'jingmai.app.json'));
    await expect(viteBuild(root)).rejects.toThrow(/does not exist\n\s+fix: Create it/);
  });

  it('fails the build when the minified scripts are over the budget, with the numbers', async () => {
    const root = await app(
      MANIFEST,
      `function   greet(name) {\n  return ${JSON.stringify(randomText(4000))} + name;\n}\ndocument.title = greet('a');\n`,
    );
    await viteBuild(root, { budgetBytes: 100_000 });
    const html = await readFile(join(root, 'dist/index.html'), 'utf8');
    const script = html.match(/src="\.\/(assets\/[^"]+)"/)?.[1] ?? '';
    const code = await readFile(join(root, 'dist', script));
    expect(code.toString().trim()).not.toContain('\n');
    const gzip = gzipSync(code, { level: 9 }).byteLength;
    await expect(viteBuild(root, { budgetBytes: 1000 })).rejects.toThrow(
      `JavaScript is ${(gzip / 1024).toFixed(1)} KiB min+gzip (${gzip} B), over the budget of 1.0 KiB (1000 B):\n  ${script}: ${code.byteLength} B min, ${gzip} B min+gzip`,
    );
  });

  it('rejects a budget that is not a positive whole number', () => {
    expect(() => jingmai({ budgetBytes: 0 })).toThrow(/positive whole number/);
  });
});

describe('jingmai() on the dev server', () => {
  it('answers CORS for the null origin of sandboxed frames', async () => {
    const root = await app(MANIFEST);
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
      plugins: [jingmai()],
    });
    await server.listen();
    try {
      const { port } = server.httpServer!.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/main.js`;
      const get = await fetch(url, { headers: { origin: 'null' } });
      expect(get.status).toBe(200);
      expect(get.headers.get('access-control-allow-origin')).toBe('null');
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: 'null', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('null');
      const other = await fetch(url, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.close();
    }
  });
});

/** Text that gzip cannot shrink much, from a fixed seed so the test is deterministic. */
function randomText(length: number): string {
  let seed = 42;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCharCode(33 + (seed % 90));
  }
  return text;
}
