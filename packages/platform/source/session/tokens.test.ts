import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueSessionToken, verifySessionToken } from './tokens.js';

const secret = 'a-very-long-app-secret-for-tests-0123456789';
const subject = { appId: 'com.example.gallery', shopId: 'shop-1', userId: 'user-7', role: 'staff' as const };
const verify = { appId: subject.appId, appSecret: secret };

async function reasonOf(promise: Promise<unknown>) {
  const error = (await promise.catch((caught: unknown) => caught)) as {
    code?: string;
    details?: { reason?: string };
  };
  return `${error.code}:${error.details?.reason}`;
}

describe('session tokens', () => {
  it('carry aud = app, sub = user, the shop, exp at most 60 s and nbf in the past', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const { token, expiresAt } = await issueSessionToken(subject, secret, {
      ttlSeconds: 3600,
      now: () => now,
    });
    const claims = decodeJwt(token);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toMatchObject({
      aud: subject.appId,
      sub: 'user-7',
      shop: 'shop-1',
      role: 'staff',
      iss: 'jingmai',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
    expect(claims.nbf).toBe((claims.iat as number) - 5);
    expect(expiresAt).toBe(claims.exp);
  });

  it('verify with the app secret and return the claims', async () => {
    const { token } = await issueSessionToken(subject, secret);
    expect(await verifySessionToken(token, verify)).toMatchObject({
      appId: subject.appId,
      userId: 'user-7',
      shopId: 'shop-1',
      role: 'staff',
    });
  });

  it('tolerate clock skew within the leeway and refuse beyond it', async () => {
    const issued = Date.UTC(2026, 10, 25, 12);
    const { token } = await issueSessionToken(subject, secret, { now: () => issued });
    expect(await verifySessionToken(token, { ...verify, now: () => issued + 63_000 })).toBeTruthy();
    expect(await reasonOf(verifySessionToken(token, { ...verify, now: () => issued + 70_000 }))).toBe(
      'PERMISSION_DENIED:expired',
    );
    expect(await verifySessionToken(token, { ...verify, now: () => issued - 8_000 })).toBeTruthy();
    expect(await reasonOf(verifySessionToken(token, { ...verify, now: () => issued - 20_000 }))).toBe(
      'PERMISSION_DENIED:claim:nbf',
    );
  });

  it('refuse tokens for another app, with another secret, tampered, or unsigned', async () => {
    const { token } = await issueSessionToken(subject, secret);
    expect(await reasonOf(verifySessionToken(token, { ...verify, appId: 'com.example.other' }))).toBe(
      'PERMISSION_DENIED:claim:aud',
    );
    expect(await reasonOf(verifySessionToken(token, { ...verify, appSecret: `${secret}-x` }))).toBe(
      'PERMISSION_DENIED:signature',
    );
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), shop: 'shop-999' })).toString(
      'base64url',
    );
    expect(await reasonOf(verifySessionToken(`${header}.${forged}.${signature}`, verify))).toBe(
      'PERMISSION_DENIED:signature',
    );
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    expect(await reasonOf(verifySessionToken(none, verify))).toBe('PERMISSION_DENIED:malformed');
    expect(await reasonOf(verifySessionToken('not a token', verify))).toBe('PERMISSION_DENIED:malformed');
  });

  it('refuse tokens without the shop claim', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'owner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('jingmai')
      .setAudience(subject.appId)
      .setSubject('u')
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 30)
      .setJti('j')
      .sign(new TextEncoder().encode(secret));
    expect(await reasonOf(verifySessionToken(token, verify))).toBe('PERMISSION_DENIED:claims');
  });

  it('refuse short secrets', async () => {
    await expect(issueSessionToken(subject, 'short')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
