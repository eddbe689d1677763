// Starting and stopping the shim: opens the data dir, builds the handler, listens.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Credentials } from '../auth/authenticate.js';
import { type CorsOptions, CorsPolicy } from '../http/cors.js';
import { FsStore } from '../storage/fs-store.js';
import { MultipartStore } from '../storage/multipart-store.js';
import type { QuotaRule } from '../storage/quotas.js';
import { createRequestHandler } from './request-handler.js';

/** JD Cloud's North China region, the signing region clients use unless configured otherwise. */
export const DEFAULT_REGION = 'cn-north-1';
/** The development key pair accepted when no credentials are configured (local use only). */
export const DEFAULT_CREDENTIALS: Credentials = {
  accessKeyId: 'JINGMAIDEVACCESSKEY',
  secretAccessKey: 'jingmai-oss-local-development-secret',
};
/** S3's limit for a single PUT. */
export const MAX_OBJECT_SIZE = 5 * 1024 ** 3;

/** How to start the shim; only `dataDir` is required. */
export interface OssServerOptions {
  /** Where objects live; created if missing. */
  dataDir: string;
  /** Default 9000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The signing region clients must use. Default cn-north-1 (JD Cloud's). */
  region?: string;
  /** Accepted access keys. Default: one development key pair (DEFAULT_CREDENTIALS). */
  credentials?: Credentials[];
  /** Buckets to create at start if they do not exist. */
  buckets?: string[];
  /** Browser access (preflight and response headers); none when absent. */
  cors?: CorsOptions;
  /** Byte and object-count limits, answered with 403 QuotaExceeded. */
  quotas?: QuotaRule[];
  /** Also accept virtual-host style, `<bucket>.<virtualHostDomain>`, e.g. `s3.localhost`. */
  virtualHostDomain?: string;
  /** Largest single PUT or part, default 5 GiB. */
  maxObjectSize?: number;
  /** The server's clock, for the request-time checks. Default Date.now. */
  now?: () => number;
  /** Where unexpected internal errors are reported. Default: stderr. */
  log?: (line: string) => void;
}

/** A running shim. */
export interface OssServer {
  /** `http://host:port` — the endpoint to give @aws-sdk/client-s3 (with forcePathStyle: true). */
  url: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** The address bound. */
  host: string;
  /** The signing region clients must use. */
  region: string;
  /** The accepted key pairs. */
  credentials: Credentials[];
  /** Absolute path of the data directory. */
  dataDir: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Opens the data dir (recovering from any crash), then listens. */
export async function startOssServer(options: OssServerOptions): Promise<OssServer> {
  const dataDir = resolve(options.dataDir);
  const region = options.region ?? DEFAULT_REGION;
  const credentials = options.credentials?.length ? options.credentials : [DEFAULT_CREDENTIALS];
  const store = FsStore.open(dataDir, options.quotas);
  const uploads = MultipartStore.open(dataDir);
  for (const bucket of options.buckets ?? []) if (!store.hasBucket(bucket)) store.createBucket(bucket);
  const handler = createRequestHandler({
    region,
    secrets: new Map(credentials.map((pair) => [pair.accessKeyId, pair.secretAccessKey])),
    now: options.now ?? Date.now,
    store,
    uploads,
    cors: new CorsPolicy(options.cors),
    virtualHostDomain: options.virtualHostDomain,
    maxObjectSize: options.maxObjectSize ?? MAX_OBJECT_SIZE,
    log: options.log ?? ((line) => process.stderr.write(`jingmai-oss: ${line}\n`)),
  });
  // Large uploads can take longer than node's default 5-minute request timeout.
  const server = createServer({ requestTimeout: 0 }, handler);
  server.on('checkContinue', handler);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9000, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    region,
    credentials,
    dataDir,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
