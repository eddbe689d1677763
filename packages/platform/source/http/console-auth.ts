// Who is calling the platform server from the console. A real console plugs in its own login
// (cookies, SSO); the sandbox uses the development authenticator below.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type UserRole, UserRoleSchema } from '@jingmai/protocol';

/** The console user behind a request. */
export interface ConsoleUser {
  readonly shopId: string;
  readonly userId: string;
  readonly role: UserRole;
}

/** Maps a request to its console user, or null when it proves none. */
export type ConsoleAuthenticator = (
  request: IncomingMessage,
) => ConsoleUser | null | Promise<ConsoleUser | null>;

/**
 * For local development only: a bearer token shared with the sandbox console, which names the
 * shop, user and role it acts as in `x-jingmai-shop`, `x-jingmai-user` and `x-jingmai-role`.
 */
export function devConsoleAuth(token: string): ConsoleAuthenticator {
  const expected = Buffer.from(`Bearer ${token}`);
  return (request) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const shopId = request.headers['x-jingmai-shop'];
    const userId = request.headers['x-jingmai-user'];
    const role = UserRoleSchema.safeParse(request.headers['x-jingmai-role']);
    if (typeof shopId !== 'string' || typeof userId !== 'string' || !role.success || !shopId || !userId)
      return null;
    return { shopId, userId, role: role.data };
  };
}
