import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, ERROR_CODES, EVENT_NAMES, METHOD_NAMES } from '../packages/protocol/source/index.js';
import { PROTOCOL_REFERENCE, renderProtocolReference } from './protocol-reference.js';

const root = join(import.meta.dirname, '..');

describe('docs/reference/protocol.md', () => {
  it('matches the protocol package', () => {
    const expected = renderProtocolReference();
    let actual = '';
    try {
      actual = readFileSync(join(root, PROTOCOL_REFERENCE), 'utf8');
    } catch {
      // A missing file is as stale as an old one; the message below says what to run.
    }
    // A plain equality check (not toBe) so the failure leads with the fix, not a 3000-line diff.
    if (actual !== expected) {
      expect.fail(`${PROTOCOL_REFERENCE} is stale: run "pnpm docs:protocol" and commit the result.`);
    }
  });

  it('covers every method, event and error code', () => {
    const text = renderProtocolReference();
    for (const method of METHOD_NAMES) {
      expect(text).toContain(`### \`${method}\``);
      expect(text).toContain(BRIDGE_METHODS[method].description);
    }
    for (const event of EVENT_NAMES) expect(text).toContain(`### \`${event}\``);
    for (const code of ERROR_CODES) expect(text).toContain(`| \`${code}\` |`);
  });
});
