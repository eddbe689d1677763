// Test support: a shim on a free port in a fresh temp dir, SDK clients for it, and a raw SigV4 signer
// (built on the verifier's own primitives, which the AWS vectors pin down) for hand-made requests.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { formatAmzDate } from '../auth/authenticate.js';
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  credentialScope,
  sign,
  signingKey,
  stringToSign,
} from '../auth/sigv4.js';
import { type OssServer, type OssServerOptions, startOssServer } from '../server/start.js';

export interface TestServer {
  server: OssServer;
  dataDir: string;
  client(overrides?: Partial<S3ClientConfig>): S3Client;
  stop(): Promise<void>;
}

export async function startTestServer(options: Partial<OssServerOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oss-shim-test-'));
  const server = await startOssServer({ port: 0, log: () => undefined, ...options, dataDir });
  const clients: S3Client[] = [];
  return {
    server,
    dataDir,
    client(overrides = {}) {
      const client = new S3Client({
        endpoint: server.url,
        region: server.region,
        forcePathStyle: true,
        credentials: server.credentials[0],
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/bucket/key?uploads`. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Payload hash to declare; default: the SHA-256 of the body. */
  payloadHash?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  date?: Date;
}

/** The endpoint facts a signer needs. */
export type SigningTarget = Pick<OssServer, 'url' | 'region' | 'credentials'>;

/** Headers for `request`, signed with SigV4 over every header given plus host and x-amz-*. */
export function signedHeaders(server: SigningTarget, request: RawRequest): Record<string, string> {
  const url = new URL(request.path, server.url);
  const amzDate = formatAmzDate((request.date ?? new Date()).getTime());
  const region = request.region ?? server.region;
  const body = request.body ?? '';
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': request.payloadHash ?? createHash('sha256').update(body).digest('hex'),
    ...Object.fromEntries(
      Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
  };
  const names = Object.keys(headers).sort();
  const query = [...url.searchParams.entries()];
  const scope = credentialScope(amzDate.slice(0, 8), region, 's3');
  const canonical = canonicalRequest({
    method: request.method,
    canonicalUri: request.path.split('?', 1)[0] ?? '/',
    canonicalQuery: canonicalQuery(query),
    canonicalHeaders: canonicalHeaders(names, (name) => [headers[name] ?? '']),
    signedHeaders: names,
    payloadHash: headers['x-amz-content-sha256'] ?? '',
  });
  const credentials = server.credentials[0];
  const key = signingKey(
    request.secretAccessKey ?? credentials?.secretAccessKey ?? '',
    amzDate.slice(0, 8),
    region,
    's3',
  );
  const signature = sign(key, stringToSign(amzDate, scope, canonical));
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${request.accessKeyId ?? credentials?.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

/** Sends a signed request with fetch. */
export function rawRequest(server: OssServer, request: RawRequest): Promise<Response> {
  const headers = signedHeaders(server, request);
  delete headers.host;
  return fetch(new URL(request.path, server.url), {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
}

/** The <Code> of an S3 error document. */
export async function errorCode(response: Response): Promise<string | undefined> {
  return /<Code>([^<]*)<\/Code>/.exec(await response.text())?.[1];
}
