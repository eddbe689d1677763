// Test fixtures: a shim on a temp data dir with a manual clock, a client for its seeded merchant, and a
// local callback receiver that records what arrives and can be told to fail.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiaosongClient } from '../client/client.js';
import type { AddOrderRequest, StatusCallback } from '../protocol/types.js';
import { type MiaosongServer, type MiaosongServerOptions, startMiaosongServer } from '../simulator.js';

export const START = Date.UTC(2026, 10, 2, 2, 0, 0);

export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'miaosong-shim-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Harness {
  readonly shim: MiaosongServer;
  readonly client: MiaosongClient;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<MiaosongServerOptions> = {},
  dataDir = tempDataDir().dir,
): Promise<Harness> {
  const shim = await startMiaosongServer({ dataDir, clock: 'manual', clockStartAt: START, ...options });
  const seed = shim.seed!;
  const client = new MiaosongClient({
    baseUrl: shim.url,
    appKey: seed.appKey,
    appSecret: seed.appSecret,
    sourceId: seed.sourceId,
  });
  return { shim, client, dataDir, close: () => shim.close() };
}

export interface Receiver {
  readonly url: string;
  readonly received: StatusCallback[];
  /** Number of requests answered (including failures). */
  readonly attempts: () => number;
  /** Answer with this HTTP status from now on (200 to succeed). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: StatusCallback[] = [];
  let status = 200;
  let attempts = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      attempts += 1;
      if (status === 200) received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as StatusCallback);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 200 ? '{"status":"ok"}' : '{"status":"fail"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dada/callback`,
    received,
    attempts: () => attempts,
    respondWith: (next) => {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A valid addOrder body for the seeded shop (People's Square), delivering 2.6 km away. */
export function orderBody(
  originId: string,
  callback: string,
  overrides: Partial<AddOrderRequest> = {},
): AddOrderRequest {
  return {
    shop_no: '11047059',
    origin_id: originId,
    city_code: '021',
    cargo_price: 88.5,
    is_prepay: 0,
    receiver_name: '张三',
    receiver_address: '上海市静安区南京西路1266号',
    receiver_lat: 31.2303,
    receiver_lng: 121.4463,
    receiver_phone: '13800000000',
    callback,
    cargo_weight: 1.5,
    ...overrides,
  };
}
