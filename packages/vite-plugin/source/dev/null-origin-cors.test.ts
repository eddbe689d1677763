import { describe, expect, it } from 'vitest';
import { allowNullOrigin } from './null-origin-cors.js';

describe('allowNullOrigin', () => {
  it('adds the null origin to the origins already allowed', () => {
    expect(allowNullOrigin({ origin: /localhost/ })).toEqual({ origin: [/localhost/, 'null'] });
    expect(allowNullOrigin({ origin: ['https://a.example'], maxAge: 5 })).toEqual({
      origin: ['https://a.example', 'null'],
      maxAge: 5,
    });
  });

  it('leaves CORS that is off or open to every origin alone', () => {
    expect(allowNullOrigin(false)).toBe(false);
    expect(allowNullOrigin(true)).toBe(true);
    expect(allowNullOrigin({})).toEqual({});
    expect(allowNullOrigin({ origin: false })).toEqual({ origin: false });
  });

  it('wraps an origin function', () => {
    const seen: string[] = [];
    const cors = allowNullOrigin({
      origin: (origin, callback) => callback(new Error(String(origin)), false),
    });
    if (typeof cors === 'boolean' || typeof cors.origin !== 'function')
      throw new Error('expected a function');
    cors.origin('null', (_error, allowed) => seen.push(`null:${allowed}`));
    cors.origin('https://x.example', (error) => seen.push(error.message));
    expect(seen).toEqual(['null:null', 'https://x.example']);
  });
});
