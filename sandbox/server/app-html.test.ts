import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_FORWARDER_PATH, entryOf, servedHtml } from './app-html.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-html-'));
mkdirSync(join(dir, 'source'));
writeFileSync(join(dir, 'source/main.tsx'), '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('entryOf', () => {
  it("takes the page's own source script (Vite-style apps)", () => {
    expect(entryOf(dir, '<script type="module" src="./source/main.tsx"></script>')).toBe('source/main.tsx');
  });

  it('falls back to source/main.ts(x) when the page loads a built bundle', () => {
    expect(entryOf(dir, '<script src="./main.js"></script>')).toBe('source/main.tsx');
  });

  it('ignores remote scripts and finds nothing in an empty folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sandbox-empty-'));
    expect(entryOf(empty, '<script src="https://cdn.example/x.js"></script>')).toBeUndefined();
    rmSync(empty, { recursive: true });
  });
});

describe('servedHtml', () => {
  it('puts the forwarder first in head and the bundle in place of the local script', () => {
    const page = servedHtml(
      '<html><head><title>x</title></head><body><script type="module" src="./source/main.ts"></script><script src="https://cdn.example/a.js"></script></body></html>',
      { css: true },
    );
    expect(page).toBe(
      `<html><head><script src="${ERROR_FORWARDER_PATH}"></script><link rel="stylesheet" href="./main.css"><title>x</title></head>` +
        '<body><script type="module" src="./main.js"></script><script src="https://cdn.example/a.js"></script></body></html>',
    );
  });

  it('adds the bundle before </body> when the page has no local script, and keeps one bundle for several', () => {
    expect(servedHtml('<body><p>hi</p></body>', { css: false })).toBe(
      `<script src="${ERROR_FORWARDER_PATH}"></script><body><p>hi</p><script type="module" src="./main.js"></script></body>`,
    );
    const twice = servedHtml('<head></head><script src="a.js"></script><script src="/b.js"></script>', {
      css: false,
    });
    expect(twice.match(/main\.js/g)).toHaveLength(1);
  });
});
