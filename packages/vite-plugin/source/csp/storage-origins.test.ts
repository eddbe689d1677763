import { parseManifest } from '@jingmai/protocol';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './policy.js';
import { resolveStorageOrigins } from './storage-origins.js';

function manifest(scopes: string[]) {
  const parsed = parseManifest({
    id: 'com.example.csp-storage',
    name: 'CSP storage',
    version: '1.0.0',
    entry: 'https://apps.example.com/csp/',
    scopes: scopes.map((scope) => ({ scope, purpose: 'Needed by the test app.' })),
    network: { origins: ['https://api.example.com'] },
    protocol: { versions: [1] },
  });
  if (!parsed.ok) throw new Error('fixture manifest is invalid');
  return parsed.manifest;
}

describe('storage origins in the CSP', () => {
  it('allows presigned storage URLs in img-src and connect-src for an app holding a storage scope', () => {
    const policy = contentSecurityPolicy(manifest(['storage:read']), {
      storageOrigins: ['https://oss.example.com', 'https://api.example.com'],
    });
    expect(policy).toContain("connect-src 'self' https://api.example.com https://oss.example.com;");
    expect(policy).toContain("img-src 'self' data: blob: https://api.example.com https://oss.example.com;");
  });

  it('leaves them out for an app without a storage scope', () => {
    const policy = contentSecurityPolicy(manifest(['ui']), { storageOrigins: ['https://oss.example.com'] });
    expect(policy).not.toContain('oss.example.com');
  });

  it('reads the option first, then JINGMAI_STORAGE_ORIGINS, and normalizes a trailing slash', () => {
    const env = { JINGMAI_STORAGE_ORIGINS: ' http://127.0.0.1:9000/ , https://oss.example.com ' };
    expect(resolveStorageOrigins(undefined, env)).toEqual([
      'http://127.0.0.1:9000',
      'https://oss.example.com',
    ]);
    expect(resolveStorageOrigins(['https://s3.example.com'], env)).toEqual(['https://s3.example.com']);
    expect(resolveStorageOrigins(undefined, {})).toEqual([]);
  });

  it.each([
    'oss.example.com',
    'https://oss.example.com/bucket',
    'https://*.example.com',
    'ftp://oss.example.com',
    "https://oss.example.com'; script-src *",
    'https://oss.example.com?x=1',
  ])('refuses %j, which is not a bare http(s) origin', (entry) => {
    expect(() => resolveStorageOrigins([entry])).toThrow(
      /jingmai\(\{ storageOrigins \}\): .* is not an origin/,
    );
    expect(() => resolveStorageOrigins(undefined, { JINGMAI_STORAGE_ORIGINS: entry })).toThrow(
      /JINGMAI_STORAGE_ORIGINS: .* is not an origin/,
    );
  });
});
