import { describe, expect, it } from 'vitest';
import { type ManifestInput, parseManifest } from './manifest.js';

const valid: ManifestInput = {
  id: 'com.example.gallery',
  name: '商品图库',
  version: '1.2.0',
  entry: 'https://gallery.example.com/app/',
  scopes: [
    { scope: 'ui', purpose: 'Show upload results as console toasts.' },
    { scope: 'storage:write', purpose: 'Upload product photos to your shop storage.' },
  ],
  protocol: { versions: [1] },
};

type Problem = { path: string; problem: string };

function problems(input: unknown): Problem[] {
  const result = parseManifest(input);
  if (result.ok) return [];
  for (const issue of result.errors) expect(issue.fix.length, `fix for ${issue.path}`).toBeGreaterThan(10);
  return result.errors.map(({ path, problem }) => ({ path, problem }));
}

const with_ = (patch: Record<string, unknown>) => ({ ...valid, ...patch });
const megabyte = 'x'.repeat(1024 * 1024);
const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
const tooSmall = (n: number) => `Too small: expected string to have >=${n} characters`;
const tooBig = (n: number) => `Too big: expected string to have <=${n} characters`;
const scopeList =
  'ui, context:read, auth:session, storage:read, storage:write, delivery:read, delivery:write';

// Each hostile manifest with the exact problems it must produce.
const hostile: [string, unknown, Problem[]][] = [
  ['an array instead of an object', [valid], [{ path: '', problem: 'must be a JSON object' }]],
  ['null', null, [{ path: '', problem: 'must be a JSON object' }]],
  ['a number', 42, [{ path: '', problem: 'must be a JSON object' }]],
  [
    'broken JSON text',
    '{"id": ',
    [{ path: '', problem: 'is not valid JSON (Unexpected end of JSON input)' }],
  ],
  [
    'a megabyte of JSON text',
    JSON.stringify(with_({ description: megabyte })),
    [{ path: '', problem: `is ${byteLength(with_({ description: megabyte }))} bytes; the limit is 65536` }],
  ],
  [
    'a megabyte string inside an object',
    with_({ name: megabyte }),
    [{ path: '', problem: `is ${byteLength(with_({ name: megabyte }))} bytes; the limit is 65536` }],
  ],
  [
    'id of the wrong type',
    with_({ id: 7 }),
    [{ path: 'id', problem: 'Invalid input: expected string, received number' }],
  ],
  [
    'id with a Cyrillic look-alike letter',
    with_({ id: 'com.exаmple.gallery' }),
    [{ path: 'id', problem: 'must be lowercase ASCII letters, digits, "." and "-"' }],
  ],
  ['id that is too long', with_({ id: 'a'.repeat(2000) }), [{ path: 'id', problem: tooBig(64) }]],
  [
    'id with path traversal',
    with_({ id: '../../etc' }),
    [{ path: 'id', problem: 'must be lowercase ASCII letters, digits, "." and "-"' }],
  ],
  [
    'missing name',
    { ...valid, name: undefined },
    [{ path: 'name', problem: 'Invalid input: expected string, received undefined' }],
  ],
  [
    'name with a right-to-left override',
    with_({ name: 'Gallery\u202Egnp.exe' }),
    [{ path: 'name', problem: 'contains control, zero-width or bidi characters' }],
  ],
  [
    'name with a zero-width joiner',
    with_({ name: 'Pay\u200Dpal' }),
    [{ path: 'name', problem: 'contains control, zero-width or bidi characters' }],
  ],
  [
    'name padded with spaces',
    with_({ name: ' Gallery ' }),
    [{ path: 'name', problem: 'has leading or trailing white space' }],
  ],
  [
    'version that is not semver',
    with_({ version: '1.0' }),
    [{ path: 'version', problem: 'is not a semantic version' }],
  ],
  [
    'version with a leading zero',
    with_({ version: '01.0.0' }),
    [{ path: 'version', problem: 'is not a semantic version' }],
  ],
  [
    'javascript: entry',
    with_({ entry: 'javascript:alert(parent.document.cookie)' }),
    [
      {
        path: 'entry',
        problem: 'entry uses "javascript:"; only https: is allowed (plain http only on localhost)',
      },
    ],
  ],
  [
    'data: entry',
    with_({ entry: 'data:text/html,<script>top.location="//evil"</script>' }),
    [{ path: 'entry', problem: 'entry uses "data:"; only https: is allowed (plain http only on localhost)' }],
  ],
  [
    'plain http entry on a remote host',
    with_({ entry: 'http://gallery.example.com/' }),
    [{ path: 'entry', problem: 'entry uses "http:"; only https: is allowed (plain http only on localhost)' }],
  ],
  [
    'entry with credentials',
    with_({ entry: 'https://admin:secret@gallery.example.com/' }),
    [{ path: 'entry', problem: 'entry must not carry a user name or password' }],
  ],
  [
    'entry on a look-alike unicode host',
    with_({ entry: 'https://gаllery.example.com/' }),
    [{ path: 'entry', problem: 'entry contains non-ASCII characters (a look-alike risk)' }],
  ],
  [
    'relative entry',
    with_({ entry: '/app/index.html' }),
    [{ path: 'entry', problem: 'entry is not an absolute URL' }],
  ],
  [
    'unknown scope',
    with_({ scopes: [{ scope: 'admin:all', purpose: 'Take over every shop in the console.' }] }),
    [{ path: 'scopes[0].scope', problem: `is not a scope; the scopes are ${scopeList}` }],
  ],
  [
    'scope written with a look-alike colon',
    with_({ scopes: [{ scope: 'storage\uA789write', purpose: 'Upload product photos to storage.' }] }),
    [{ path: 'scopes[0].scope', problem: `is not a scope; the scopes are ${scopeList}` }],
  ],
  [
    'duplicate scopes',
    with_({
      scopes: [
        { scope: 'ui', purpose: 'Show upload results as console toasts.' },
        { scope: 'ui', purpose: 'Show upload results as console toasts.' },
      ],
    }),
    [{ path: 'scopes[1].scope', problem: 'requests "ui" twice' }],
  ],
  [
    'scope without a purpose',
    with_({ scopes: [{ scope: 'ui' }] }),
    [{ path: 'scopes[0].purpose', problem: 'Invalid input: expected string, received undefined' }],
  ],
  [
    'purpose that says nothing',
    with_({ scopes: [{ scope: 'ui', purpose: '   ok   ' }] }),
    [{ path: 'scopes[0].purpose', problem: tooSmall(10) }],
  ],
  [
    'scopes as a bare string list',
    with_({ scopes: ['ui', 'storage:write'] }),
    [
      { path: 'scopes[0]', problem: 'Invalid input: expected object, received string' },
      { path: 'scopes[1]', problem: 'Invalid input: expected object, received string' },
    ],
  ],
  [
    'wildcard network origin',
    with_({ network: { origins: ['https://*.example.com'] } }),
    [{ path: 'network.origins[0]', problem: 'wildcards are not allowed in network origins' }],
  ],
  [
    'bare * network origin',
    with_({ network: { origins: ['*'] } }),
    [{ path: 'network.origins[0]', problem: 'wildcards are not allowed in network origins' }],
  ],
  [
    'network origin with a path',
    with_({ network: { origins: ['https://api.example.com/v1'] } }),
    [{ path: 'network.origins[0]', problem: 'is not a bare origin (expected "https://api.example.com")' }],
  ],
  [
    'plain http network origin',
    with_({ network: { origins: ['http://api.example.com'] } }),
    [
      {
        path: 'network.origins[0]',
        problem: 'origin uses "http:"; only https: or wss: is allowed (plain http only on localhost)',
      },
    ],
  ],
  [
    '__proto__ key at the top level',
    JSON.parse(`{"__proto__": {"isAdmin": true}, ${JSON.stringify(valid).slice(1)}`),
    [{ path: '__proto__', problem: 'is not a known field' }],
  ],
  [
    'constructor key at the top level',
    with_({ constructor: { prototype: { isAdmin: true } } }),
    [{ path: 'constructor', problem: 'is not a known field' }],
  ],
  [
    '__proto__ key inside a scope request',
    with_({
      scopes: [
        JSON.parse('{"scope":"ui","purpose":"Show results as toasts.","__proto__":{"scope":"auth:session"}}'),
      ],
    }),
    [{ path: 'scopes[0].__proto__', problem: 'is not a known field' }],
  ],
  [
    'height bounds out of order',
    with_({ ui: { height: { default: 100, min: 200, max: 150 } } }),
    [{ path: 'ui.height', problem: 'needs min <= default <= max' }],
  ],
  [
    'fractional and negative heights',
    with_({ ui: { height: { default: 1.5, min: -1, max: 400 } } }),
    [
      { path: 'ui.height.default', problem: 'Invalid input: expected int, received number' },
      { path: 'ui.height.min', problem: 'Too small: expected number to be >=0' },
    ],
  ],
  [
    'no protocol versions',
    with_({ protocol: { versions: [] } }),
    [{ path: 'protocol.versions', problem: 'Too small: expected array to have >=1 items' }],
  ],
  [
    'same-origin sandbox permission',
    with_({ sandbox: { allow: ['allow-same-origin'] } }),
    [{ path: 'sandbox.allow[0]', problem: '"allow-same-origin" is never granted to apps' }],
  ],
  [
    'top-navigation sandbox permission',
    with_({ sandbox: { allow: ['allow-top-navigation-by-user-activation'] } }),
    [
      {
        path: 'sandbox.allow[0]',
        problem: '"allow-top-navigation-by-user-activation" is never granted to apps',
      },
    ],
  ],
  [
    'icon that climbs out of the app',
    with_({ icon: '../../secrets/icon.png' }),
    [{ path: 'icon', problem: 'is neither an https URL nor a relative .png/.svg/.webp path' }],
  ],
  [
    'javascript: icon',
    with_({ icon: 'javascript:alert(1)' }),
    [
      {
        path: 'icon',
        problem: 'icon uses "javascript:"; only https: is allowed (plain http only on localhost)',
      },
    ],
  ],
  [
    'locale that is not a tag',
    with_({ locales: ['chinese'] }),
    [{ path: 'locales[0]', problem: 'is not a BCP 47 tag' }],
  ],
  [
    'description with control characters',
    with_({ description: 'hi\u0007there' }),
    [{ path: 'description', problem: 'contains control characters' }],
  ],
  [
    'several problems at once',
    with_({ id: 'X', version: 'latest', entry: 'ftp://example.com/' }),
    [
      { path: 'id', problem: tooSmall(3) },
      { path: 'id', problem: 'must be lowercase ASCII letters, digits, "." and "-"' },
      { path: 'version', problem: 'is not a semantic version' },
      { path: 'entry', problem: 'entry uses "ftp:"; only https: is allowed (plain http only on localhost)' },
    ],
  ],
];

describe('parseManifest', () => {
  it('accepts a valid manifest and fills in defaults', () => {
    const result = parseManifest(valid);
    expect(result).toEqual({
      ok: true,
      manifest: {
        ...valid,
        network: { origins: [] },
        ui: { height: { default: 480, min: 120, max: 4000 } },
        sandbox: { allow: [] },
      },
    });
  });

  it('accepts JSON text, localhost over http, and every optional field', () => {
    const text = JSON.stringify(
      with_({
        entry: 'http://localhost:5173/',
        network: {
          origins: ['https://api.example.com', 'wss://push.example.com:8443', 'http://127.0.0.1:9000'],
        },
        icon: 'assets/icon.svg',
        description: '上传商品图片\n并分享链接',
        locales: ['zh-CN', 'en-US'],
        sandbox: { allow: ['allow-forms', 'allow-downloads'] },
      }),
    );
    expect(problems(text)).toEqual([]);
  });

  it(`rejects ${hostile.length} hostile manifests with the exact problems`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each(hostile)('rejects %s', (_name, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it('never pollutes Object.prototype', () => {
    parseManifest(
      JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a cyclic object instead of throwing', () => {
    const cyclic: Record<string, unknown> = { ...valid };
    cyclic.self = cyclic;
    expect(problems(cyclic)).toEqual([
      { path: '', problem: 'is not plain JSON data (it has cycles or values JSON cannot hold)' },
    ]);
  });

  it('gives the field fix, not a generic one', () => {
    const result = parseManifest(with_({ ui: { height: { default: 1, min: 5, max: 2 } } }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]?.fix).toBe(
        'Give whole pixel heights from 0 to 10000 with min <= default <= max.',
      );
  });
});
