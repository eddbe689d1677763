// Session tokens: short-lived HS256 JWTs signed with the app's own secret, so the app backend can
// verify them with nothing but that secret. jose does the JWT work.
import { JingmaiError, type UserRole } from '@jingmai/protocol';
import { errors, jwtVerify, SignJWT } from 'jose';

/** The issuer claim of every session token. */
export const SESSION_TOKEN_ISSUER = 'jingmai';

/** Longest lifetime of a session token, in seconds. */
export const MAX_SESSION_TOKEN_SECONDS = 60;

// nbf sits a little in the past so a backend whose clock runs slightly behind still accepts it.
const NOT_BEFORE_SKEW_SECONDS = 5;

/** Claims of a verified session token. */
export interface SessionClaims {
  /** The app id (the `aud` claim). */
  readonly appId: string;
  /** The user id (the `sub` claim). */
  readonly userId: string;
  readonly shopId: string;
  readonly role: UserRole;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly tokenId: string;
}

/** What a session token is issued for. */
export interface SessionSubject {
  readonly appId: string;
  readonly shopId: string;
  readonly userId: string;
  readonly role: UserRole;
}

const encoder = new TextEncoder();

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32)
    throw new JingmaiError('INVALID_ARGUMENT', 'App secrets must be at least 32 characters.');
  return encoder.encode(secret);
}

/** Issues a session token for `subject`, signed with the app's secret. */
export async function issueSessionToken(
  subject: SessionSubject,
  appSecret: string,
  options: { ttlSeconds?: number; now?: () => number } = {},
): Promise<{ token: string; expiresAt: number }> {
  const ttl = Math.min(options.ttlSeconds ?? MAX_SESSION_TOKEN_SECONDS, MAX_SESSION_TOKEN_SECONDS);
  const now = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const expiresAt = now + ttl;
  const token = await new SignJWT({ shop: subject.shopId, role: subject.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(SESSION_TOKEN_ISSUER)
    .setAudience(subject.appId)
    .setSubject(subject.userId)
    .setIssuedAt(now)
    .setNotBefore(now - NOT_BEFORE_SKEW_SECONDS)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID())
    .sign(keyOf(appSecret));
  return { token, expiresAt };
}

/** Options of {@link verifySessionToken}. */
export interface VerifyOptions {
  /** Your app id: the token's audience must match. */
  readonly appId: string;
  /** Your app secret from the platform. */
  readonly appSecret: string;
  /** Clock skew tolerated on exp and nbf, in seconds (default 5). */
  readonly leewaySeconds?: number;
  readonly now?: () => number;
}

/**
 * Verifies a session token in an app backend. Resolves with its claims; rejects with a
 * PERMISSION_DENIED JingmaiError (details.reason says why) for anything invalid or expired.
 */
export async function verifySessionToken(token: string, options: VerifyOptions): Promise<SessionClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(options.appSecret), {
      algorithms: ['HS256'],
      issuer: SESSION_TOKEN_ISSUER,
      audience: options.appId,
      clockTolerance: options.leewaySeconds ?? 5,
      requiredClaims: ['sub', 'exp', 'nbf', 'iat', 'jti'],
      ...(options.now ? { currentDate: new Date(options.now()) } : {}),
    });
    const { sub, shop, role, iat, exp, jti } = payload;
    if (typeof shop !== 'string' || typeof role !== 'string' || typeof sub !== 'string') {
      throw new JingmaiError('PERMISSION_DENIED', 'The session token lacks its shop or role claim.', {
        details: { reason: 'claims' },
      });
    }
    return {
      appId: options.appId,
      userId: sub,
      shopId: shop,
      role: role as UserRole,
      issuedAt: iat as number,
      expiresAt: exp as number,
      tokenId: jti as string,
    };
  } catch (error) {
    if (error instanceof JingmaiError) throw error;
    const reason =
      error instanceof errors.JWTExpired
        ? 'expired'
        : error instanceof errors.JWTClaimValidationFailed
          ? `claim:${error.claim}`
          : error instanceof errors.JWSSignatureVerificationFailed
            ? 'signature'
            : 'malformed';
    throw new JingmaiError('PERMISSION_DENIED', 'The session token is not valid.', {
      details: { reason },
      cause: error,
    });
  }
}
