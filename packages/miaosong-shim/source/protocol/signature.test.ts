import { describe, expect, it } from 'vitest';
import { signCallback, signRequest, verifyCallbackSignature } from './signature.js';

describe('request signature', () => {
  it('matches the official worked example', () => {
    const envelope = {
      app_key: '123456',
      body: '{"order_id":"20170301000001"}',
      format: 'json',
      source_id: '73753',
      timestamp: '1488363493',
      v: '1.0',
    };
    expect(signRequest(envelope, 'abcdefg123')).toBe('71CEE2D6544277940D8C72979E71D0E1');
  });

  it('ignores the signature field and key order', () => {
    const a = signRequest({ v: '1.0', app_key: 'k', body: '', signature: 'X' }, 's');
    const b = signRequest({ app_key: 'k', body: '', v: '1.0' }, 's');
    expect(a).toBe(b);
  });
});

describe('callback signature', () => {
  // A real QA callback captured in a public SDK.
  const captured = {
    order_status: 2,
    cancel_reason: '',
    update_time: 1482220973,
    dm_id: 666,
    signature: '7a177ae4b1cf63d13261580e4f721cb9',
    dm_name: '测试达达',
    order_id: '12321',
    client_id: '',
    dm_mobile: '13546670420',
  };

  it('matches the captured QA callback', () => {
    expect(signCallback(captured)).toBe('7a177ae4b1cf63d13261580e4f721cb9');
    expect(verifyCallbackSignature(captured)).toBe(true);
  });

  it('accepts an upper-cased digest and rejects a tampered body', () => {
    expect(verifyCallbackSignature({ ...captured, signature: captured.signature.toUpperCase() })).toBe(true);
    expect(verifyCallbackSignature({ ...captured, order_id: '12322' })).toBe(false);
    expect(verifyCallbackSignature({ ...captured, signature: undefined })).toBe(false);
  });
});
