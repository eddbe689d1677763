import { describe, expect, it } from 'vitest';
import { fromWireError, JingmaiError, toWireError } from '../errors.js';
import { SCOPE_NAMES } from '../scopes.js';
import { negotiateVersion } from '../version.js';
import {
  EVENT_NAMES,
  EVENTS,
  isMethodName,
  METHOD_NAMES,
  METHODS,
  RATE_CLASSES,
  scopeOpens,
} from './methods.js';
import { BRIDGE_EVENTS, BRIDGE_METHODS, METHOD_SCHEMAS, WireErrorSchema } from './schemas.js';

describe('bridge contract', () => {
  it('gives every method a namespace, name, schemas, scope, byte limit, rate class and timeout', () => {
    for (const method of METHOD_NAMES) {
      const definition = BRIDGE_METHODS[method];
      expect(`${definition.namespace}.${definition.name}`).toBe(method);
      expect(definition.params).toBe(METHOD_SCHEMAS[method].params);
      expect(SCOPE_NAMES).toContain(definition.scope);
      expect(definition.maxBytes).toBeGreaterThan(0);
      expect(Object.keys(RATE_CLASSES)).toContain(definition.rate);
      expect(definition.timeoutMs).toBeGreaterThan(0);
    }
    expect(Object.keys(METHOD_SCHEMAS).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(BRIDGE_EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('reaches only own method names, never prototype members', () => {
    for (const name of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'ui',
      'ui.toast.call',
      '',
    ]) {
      expect(isMethodName(name)).toBe(false);
    }
    expect(isMethodName('ui.toast')).toBe(true);
  });

  it('names, for each scope, the methods and events it opens', () => {
    expect(scopeOpens('auth:session')).toEqual({ methods: ['auth.sessionToken'], events: [] });
    expect(scopeOpens('context:read')).toEqual({ methods: ['context.get'], events: ['context'] });
    const opened = SCOPE_NAMES.flatMap((scope) => scopeOpens(scope).methods);
    expect(opened.sort()).toEqual([...METHOD_NAMES].sort());
    const forEveryone = Object.keys(EVENTS).filter(
      (name) => EVENTS[name as keyof typeof EVENTS].scope === null,
    );
    expect(forEveryone).toEqual(['scopes']);
    expect([...SCOPE_NAMES.flatMap((scope) => scopeOpens(scope).events), ...forEveryone].sort()).toEqual(
      Object.keys(EVENTS).sort(),
    );
  });

  it('rejects hostile arguments with the method schema', () => {
    const toast = METHOD_SCHEMAS['ui.toast'].params;
    expect(toast.safeParse({ message: 'saved' }).success).toBe(true);
    expect(toast.safeParse(JSON.parse('{"message":"x","__proto__":{"admin":true}}')).success).toBe(false);
    expect(toast.safeParse({ message: 'x', constructor: 1 }).success).toBe(false);
    expect(toast.safeParse({ message: 'x'.repeat(501) }).success).toBe(false);
    const navigate = METHOD_SCHEMAS['ui.navigate'].params;
    for (const path of [
      '//evil.example.com',
      'javascript:alert(1)',
      'https://evil.example.com',
      '/\\evil',
      '',
    ]) {
      expect(navigate.safeParse({ path }).success, path).toBe(false);
    }
    expect(navigate.safeParse({ path: '/orders/42?tab=items#top' }).success).toBe(true);
  });

  it('keeps the method table free of accidental duplicates of metadata', () => {
    expect(Object.keys(METHODS)).toEqual(METHOD_NAMES);
  });
});

describe('version negotiation', () => {
  it('picks the highest shared version', () => {
    expect(negotiateVersion([1, 2, 3], [2, 3, 4])).toBe(3);
    expect(negotiateVersion([1], [1])).toBe(1);
  });
  it('returns null when nothing is shared, and ignores non-integers', () => {
    expect(negotiateVersion([1], [2])).toBeNull();
    expect(negotiateVersion([1], [])).toBeNull();
    expect(negotiateVersion([1.5, 1], [1.5])).toBeNull();
  });
});

describe('error model', () => {
  it('round-trips code, message, details and the cause chain through the wire form', () => {
    const root = new JingmaiError('UNAVAILABLE', 'storage is down', { details: { service: 'oss' } });
    const error = new JingmaiError('TIMEOUT', 'upload timed out', { details: { ms: 10 }, cause: root });
    const wire = toWireError(error);
    expect(WireErrorSchema.safeParse(wire).success).toBe(true);
    expect(structuredClone(wire)).toEqual(wire);
    const back = fromWireError(wire);
    expect(back).toBeInstanceOf(JingmaiError);
    expect(back.code).toBe('TIMEOUT');
    expect(back.details).toEqual({ ms: 10 });
    expect((back.cause as JingmaiError).code).toBe('UNAVAILABLE');
    expect((back.cause as JingmaiError).message).toBe('storage is down');
  });

  it('hides everything about errors that are not JingmaiErrors', () => {
    const wire = toWireError(new TypeError('secret at /srv/host/internal.js:12'));
    expect(wire).toEqual({ code: 'INTERNAL', message: expect.not.stringContaining('secret') });
    expect(
      JSON.stringify(toWireError(new JingmaiError('CONFLICT', 'x', { cause: new Error('db password') }))),
    ).not.toContain('password');
  });

  it('turns malformed wire errors into INTERNAL', () => {
    for (const wire of [null, 'x', { code: 'NOPE', message: 'x' }, { code: '__proto__' }]) {
      expect(fromWireError(wire).code).toBe('INTERNAL');
    }
  });

  it('bounds cause chains', () => {
    let wire: Record<string, unknown> = { code: 'INTERNAL', message: 'leaf' };
    for (let i = 0; i < 1000; i += 1) wire = { code: 'CONFLICT', message: String(i), cause: wire };
    let depth = 0;
    for (let error: unknown = fromWireError(wire); error instanceof JingmaiError; error = error.cause)
      depth += 1;
    expect(depth).toBeLessThanOrEqual(9);
  });
});
