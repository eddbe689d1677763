// Who signed a request, checked against S3's rules: SigV4 in the Authorization header or in the query
// (presigned URL), the 15-minute clock skew, the configured region, and the payload-hash declaration that
// tells the body reader how to verify what follows.
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../http/errors.js';
import {
  ALGORITHM,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  sign,
  signaturesEqual,
  signingKey,
  stringToSign,
  uriEncode,
} from './sigv4.js';

export const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES = 604_800;

/** An access key pair the server accepts SigV4 signatures from. */
export interface Credentials {
  /** The key id clients put in the credential scope. */
  accessKeyId: string;
  /** The secret the signing key is derived from. */
  secretAccessKey: string;
}

/** What the body reader needs to verify an aws-chunked body signed chunk by chunk. */
export interface ChunkSigning {
  key: Buffer;
  amzDate: string;
  scope: string;
  seedSignature: string;
}

export interface AuthContext {
  accessKeyId: string;
  /** The declared payload hash: hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-… mode. */
  payloadHash: string;
  presigned: boolean;
  chunkSigning: ChunkSigning;
}

export interface AuthRequest {
  method: string;
  /** The path exactly as it arrived (still percent-encoded). */
  rawPath: string;
  /** Decoded query pairs in arrival order. */
  query: ReadonlyArray<readonly [string, string]>;
  headers: IncomingHttpHeaders;
  /** Each header's values as received (repeats kept). */
  headersDistinct: Record<string, string[] | undefined>;
}

export interface AuthSettings {
  region: string;
  secrets: ReadonlyMap<string, string>;
  now: () => number;
}

const PAYLOAD_MODES = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);

const keyCache = new Map<string, Buffer>();

function cachedSigningKey(accessKeyId: string, secret: string, date: string, region: string): Buffer {
  const id = `${accessKeyId}\0${secret}\0${date}\0${region}`;
  let key = keyCache.get(id);
  if (!key) {
    if (keyCache.size > 256) keyCache.clear();
    key = signingKey(secret, date, region, 's3');
    keyCache.set(id, key);
  }
  return key;
}

/** `20130524T000000Z` to epoch ms, or NaN. */
export function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

interface ParsedCredential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

function parseCredential(value: string): ParsedCredential | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}

/** Candidate canonical URIs: S3 re-encodes the decoded path; a client that encoded differently signed as sent. */
function canonicalUris(rawPath: string): string[] {
  let reencoded: string;
  try {
    reencoded = uriEncode(decodeURIComponent(rawPath), true);
  } catch {
    return [rawPath];
  }
  return reencoded === rawPath ? [rawPath] : [reencoded, rawPath];
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function checkUnsignedAmzHeaders(headers: IncomingHttpHeaders, signed: readonly string[]): void {
  const unsigned = Object.keys(headers).filter(
    (name) => name.startsWith('x-amz-') && !signed.includes(name) && name !== 'x-amz-content-sha256',
  );
  if (unsigned.length > 0) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: unsigned.join(', '),
    });
  }
}

interface Verification {
  request: AuthRequest;
  credential: ParsedCredential;
  secret: string;
  amzDate: string;
  signedHeaders: string[];
  query: ReadonlyArray<readonly [string, string]>;
  payloadHash: string;
  signature: string;
}

function verifySignature(v: Verification): ChunkSigning {
  const scope = credentialScope(v.credential.date, v.credential.region, v.credential.service);
  const key = cachedSigningKey(v.credential.accessKeyId, v.secret, v.credential.date, v.credential.region);
  const headersText = canonicalHeaders(v.signedHeaders, (name) => v.request.headersDistinct[name]);
  const queryText = canonicalQuery(v.query);
  let firstAttempt: { canonical: string; toSign: string } | undefined;
  for (const canonicalUri of canonicalUris(v.request.rawPath)) {
    const canonical = canonicalRequest({
      method: v.request.method,
      canonicalUri,
      canonicalQuery: queryText,
      canonicalHeaders: headersText,
      signedHeaders: v.signedHeaders,
      payloadHash: v.payloadHash,
    });
    const toSign = stringToSign(v.amzDate, scope, canonical);
    if (signaturesEqual(sign(key, toSign), v.signature)) {
      return { key, amzDate: v.amzDate, scope, seedSignature: v.signature };
    }
    firstAttempt ??= { canonical, toSign };
  }
  throw new S3Error('SignatureDoesNotMatch', undefined, {
    AWSAccessKeyId: v.credential.accessKeyId,
    StringToSign: firstAttempt?.toSign ?? '',
    SignatureProvided: v.signature,
    CanonicalRequest: firstAttempt?.canonical ?? '',
  });
}

function checkPayloadHash(value: string | undefined): string {
  if (value === undefined) {
    throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (!PAYLOAD_MODES.has(value) && !/^[0-9a-f]{64}$/.test(value)) {
    throw new S3Error(
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING- mode, or a valid sha256 value.',
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: value },
    );
  }
  return value;
}

function headerAuth(request: AuthRequest, authorization: string, settings: AuthSettings): AuthContext {
  if (!authorization.startsWith(`${ALGORITHM} `)) {
    throw new S3Error(
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    );
  }
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credentialText = fields.get('Credential');
  const signedText = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const credential = credentialText ? parseCredential(credentialText) : undefined;
  if (!credential || !signedText || !signature) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; it must carry Credential, SignedHeaders and Signature.',
    );
  }
  if (credential.region !== settings.region) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${credential.region}' is wrong; expecting '${settings.region}'`,
      { Region: settings.region },
    );
  }
  if (credential.service !== 's3') {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; incorrect service '${credential.service}'. This endpoint belongs to 's3'.`,
    );
  }
  const secret = settings.secrets.get(credential.accessKeyId);
  if (secret === undefined) {
    throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: credential.accessKeyId });
  }
  const signedHeaders = signedText.split(';');
  if (!signedHeaders.includes('host')) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      "The authorization header is malformed; 'host' must be signed.",
    );
  }
  const amzDateHeader = headerValue(request.headers, 'x-amz-date');
  const dateHeader = headerValue(request.headers, 'date');
  const time = amzDateHeader ? parseAmzDate(amzDateHeader) : dateHeader ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  }
  const amzDate = amzDateHeader ?? formatAmzDate(time);
  if (amzDate.slice(0, 8) !== credential.date) {
    throw new S3Error(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; Invalid credential date "${credential.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  const now = settings.now();
  if (Math.abs(now - time) > MAX_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', undefined, {
      RequestTime: amzDate,
      ServerTime: new Date(now).toISOString(),
      MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
    });
  }
  const payloadHash = checkPayloadHash(headerValue(request.headers, 'x-amz-content-sha256'));
  checkUnsignedAmzHeaders(request.headers, signedHeaders);
  const chunkSigning = verifySignature({
    request,
    credential,
    secret,
    amzDate,
    signedHeaders,
    query: request.query,
    payloadHash,
    signature,
  });
  return { accessKeyId: credential.accessKeyId, payloadHash, presigned: false, chunkSigning };
}

function queryAuth(request: AuthRequest, settings: AuthSettings): AuthContext {
  const params = new Map(request.query);
  const queryError = (message: string) => new S3Error('AuthorizationQueryParametersError', message);
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) {
    throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const credentialText = params.get('X-Amz-Credential');
  const credential = credentialText ? parseCredential(credentialText) : undefined;
  if (!credential) {
    throw queryError(
      'Error parsing the X-Amz-Credential parameter; it must be <access key>/<date>/<region>/s3/aws4_request.',
    );
  }
  if (credential.region !== settings.region) {
    throw new S3Error(
      'AuthorizationQueryParametersError',
      `Error parsing the X-Amz-Credential parameter; the region '${credential.region}' is wrong; expecting '${settings.region}'`,
      { Region: settings.region },
    );
  }
  if (credential.service !== 's3') {
    throw queryError(
      `Error parsing the X-Amz-Credential parameter; incorrect service '${credential.service}'.`,
    );
  }
  const amzDate = params.get('X-Amz-Date') ?? '';
  const time = parseAmzDate(amzDate);
  if (Number.isNaN(time))
    throw queryError('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMddTHHmmssZ"');
  if (amzDate.slice(0, 8) !== credential.date) {
    throw queryError('Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  const expiresText = params.get('X-Amz-Expires') ?? '';
  const expires = /^\d+$/.test(expiresText) ? Number(expiresText) : Number.NaN;
  if (!(expires >= 1 && expires <= MAX_PRESIGNED_EXPIRES)) {
    throw queryError('X-Amz-Expires must be a number between 1 and 604800 seconds');
  }
  const signedText = params.get('X-Amz-SignedHeaders');
  const signature = params.get('X-Amz-Signature');
  if (!signedText || !signature) {
    throw queryError('Query-string authentication requires X-Amz-SignedHeaders and X-Amz-Signature.');
  }
  const signedHeaders = signedText.split(';');
  if (!signedHeaders.includes('host')) throw queryError("X-Amz-SignedHeaders must include 'host'.");
  const secret = settings.secrets.get(credential.accessKeyId);
  if (secret === undefined) {
    throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: credential.accessKeyId });
  }
  const now = settings.now();
  if (time - now > MAX_SKEW_MS) throw new S3Error('AccessDenied', 'Request is not valid yet');
  if (now > time + expires * 1000) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expires,
      Expires: new Date(time + expires * 1000).toISOString(),
      ServerTime: new Date(now).toISOString(),
    });
  }
  checkUnsignedAmzHeaders(request.headers, signedHeaders);
  const declared = params.get('X-Amz-Content-Sha256');
  const payloadHash = declared === undefined ? 'UNSIGNED-PAYLOAD' : checkPayloadHash(declared);
  const chunkSigning = verifySignature({
    request,
    credential,
    secret,
    amzDate,
    signedHeaders,
    query: request.query.filter(([name]) => name !== 'X-Amz-Signature'),
    payloadHash,
    signature,
  });
  return { accessKeyId: credential.accessKeyId, payloadHash, presigned: true, chunkSigning };
}

/** Verifies the request's signature; anonymous requests are refused (the shim has no public buckets). */
export function authenticate(request: AuthRequest, settings: AuthSettings): AuthContext {
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = request.query.some(([name]) => name === 'X-Amz-Signature' || name === 'X-Amz-Algorithm');
  if (authorization !== undefined && presigned) {
    throw new S3Error(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified',
    );
  }
  if (authorization !== undefined) return headerAuth(request, authorization, settings);
  if (presigned) return queryAuth(request, settings);
  throw new S3Error('AccessDenied');
}
