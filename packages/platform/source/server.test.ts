import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devConsoleAuth } from './http/console-auth.js';
import { createPlatformServer, type PlatformServer } from './server.js';
import { verifySessionToken } from './session/tokens.js';

const secret = 'gallery-secret-gallery-secret-gallery-secret';
const consoleOrigin = 'http://console.localhost:5173';
let platform: PlatformServer;
let url: string;

beforeAll(async () => {
  platform = createPlatformServer({
    apps: [
      { id: 'com.example.gallery', secret, scopes: ['ui', 'auth:session'] },
      { id: 'com.example.silent', secret, scopes: ['ui'] },
    ],
    authenticate: devConsoleAuth('dev-token'),
    allowedOrigins: [consoleOrigin],
  });
  ({ url } = await platform.listen());
});
afterAll(() => platform.close());

const consoleHeaders = {
  authorization: 'Bearer dev-token',
  'x-jingmai-shop': 'shop-1',
  'x-jingmai-user': 'user-1',
  'x-jingmai-role': 'owner',
  origin: consoleOrigin,
};

const tokenFor = (appId: string, headers: Record<string, string> = consoleHeaders) =>
  fetch(`${url}/v1/apps/${encodeURIComponent(appId)}/session-token`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
  });

describe('platform server', () => {
  it('issues a session token for the console user that the app backend can verify', async () => {
    const response = await tokenFor('com.example.gallery');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(consoleOrigin);
    const { token } = (await response.json()) as { token: string };
    const claims = await verifySessionToken(token, { appId: 'com.example.gallery', appSecret: secret });
    expect(claims).toMatchObject({ shopId: 'shop-1', userId: 'user-1', role: 'owner' });
  });

  it('refuses callers who are not signed in to the console', async () => {
    const response = await tokenFor('com.example.gallery', {
      ...consoleHeaders,
      authorization: 'Bearer wrong',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'PERMISSION_DENIED', message: 'Sign in to the console first.' },
    });
  });

  it('refuses unknown apps and apps without the auth:session scope', async () => {
    expect((await tokenFor('com.example.nope')).status).toBe(404);
    const silent = await tokenFor('com.example.silent');
    expect(silent.status).toBe(403);
    expect(((await silent.json()) as { error: { code: string } }).error.code).toBe('PERMISSION_DENIED');
  });

  it('never exposes the app secret, and does not grant CORS to other origins', async () => {
    const response = await tokenFor('com.example.gallery', {
      ...consoleHeaders,
      origin: 'https://evil.example.com',
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).not.toContain(secret);
  });
});
