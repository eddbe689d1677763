// Dev-only endpoints of the console origin for the devtools: Miaosong rider simulations, the
// shim's clock and callback switch, an order's route and callback timeline, and source locations
// of app errors. They hold what the browser must not: the merchant credentials and the admin token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiaosongServer } from '@jingmai/miaosong-shim';
import { MiaosongClient } from '@jingmai/miaosong-shim/client';
import type { OrderStore } from '@jingmai/platform';
import { z } from 'zod';
import type { AppBuild } from './app-bundler.js';
import { mapStack, originalLocation } from './source-locations.js';

/** What the endpoints work with. */
export interface DevEndpointDeps {
  readonly devToken: string;
  readonly miaosong: MiaosongServer;
  /** The platform server's order owners: they map an app's order id to the open platform's. */
  readonly orders: OrderStore;
  readonly buildOf: (appId: string) => AppBuild | undefined;
}

const OrderRef = z.strictObject({
  appId: z.string().min(1),
  shopId: z.string().min(1),
  orderId: z.string().min(1),
});
const SIMULATIONS = ['accept', 'fetch', 'finish', 'cancel', 'expire'] as const;

const REQUESTS = {
  '/dev/delivery/simulate': OrderRef.extend({ action: z.enum(SIMULATIONS) }),
  '/dev/delivery/route': OrderRef,
  '/dev/miaosong/state': z.strictObject({}),
  '/dev/miaosong/advance': z.strictObject({
    ms: z
      .int()
      .min(1)
      .max(7 * 24 * 3_600_000),
  }),
  '/dev/miaosong/callback-failure': z.strictObject({ enabled: z.boolean() }),
  '/dev/source-location': z.strictObject({
    appId: z.string().min(1),
    filename: z.string().max(2048),
    line: z.int().min(0),
    column: z.int().min(0),
    stack: z.string().max(64 * 1024),
  }),
} as const;
type Route = keyof typeof REQUESTS;

class EndpointError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ShimOrder {
  order: { shop_lat: number; shop_lng: number; receiver_lat: number; receiver_lng: number; status: number };
  timeline: { status: number; at: number; delivery: string; attempts: number; last_error: string | null }[];
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 128 * 1024) throw new EndpointError(413, 'Request body too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new EndpointError(400, 'The body is not JSON.');
  }
}

/** Handles `/dev/*` requests; answers false for other paths. */
export function devEndpoints(deps: DevEndpointDeps) {
  const { miaosong } = deps;
  const seed = miaosong.seed;
  const client = seed
    ? new MiaosongClient({
        baseUrl: miaosong.url,
        appKey: seed.appKey,
        appSecret: seed.appSecret,
        sourceId: seed.sourceId,
      })
    : undefined;

  async function admin<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${miaosong.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${miaosong.adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json()) as T & { error?: string };
    if (!response.ok)
      throw new EndpointError(response.status, answer.error ?? `Miaosong admin ${response.status}`);
    return answer;
  }

  function originId(ref: z.output<typeof OrderRef>): string {
    // The platform names the open-platform order; its owner table is the one place that says how.
    for (let cursor: string | undefined, page = 0; page < 100; page += 1) {
      const found = deps.orders.list(ref.appId, ref.shopId, { limit: 100, ...(cursor ? { cursor } : {}) });
      const match = found.items.find((item) => item.orderId === ref.orderId);
      if (match) return match.originId;
      if (!found.cursor) break;
      cursor = found.cursor;
    }
    throw new EndpointError(404, `No delivery order ${ref.orderId} for this app and shop.`);
  }

  const handlers: { [R in Route]: (input: z.output<(typeof REQUESTS)[R]>) => Promise<unknown> } = {
    async '/dev/delivery/simulate'(input) {
      if (!client || !seed) throw new EndpointError(409, 'The Miaosong shim has no seeded merchant.');
      await client.simulate[input.action](originId(input));
      return {};
    },
    async '/dev/delivery/route'(input) {
      if (!seed) throw new EndpointError(409, 'The Miaosong shim has no seeded merchant.');
      const query = new URLSearchParams({ source_id: seed.sourceId, order_id: originId(input) });
      const { order, timeline } = await admin<ShimOrder>(`/admin/orders?${query}`);
      return {
        shop: { lat: order.shop_lat, lng: order.shop_lng },
        receiver: { lat: order.receiver_lat, lng: order.receiver_lng },
        timeline: timeline.map((change) => ({
          status: change.status,
          at: change.at,
          callback: change.delivery,
          attempts: change.attempts,
          lastError: change.last_error,
        })),
      };
    },
    '/dev/miaosong/state': () => admin('/admin/state'),
    '/dev/miaosong/advance': (input) => admin('/admin/clock/advance', input),
    '/dev/miaosong/callback-failure': (input) => admin('/admin/callbacks/failure', input),
    async '/dev/source-location'(input) {
      const map = deps.buildOf(input.appId)?.sourceMap;
      if (!map) return { location: null, stack: input.stack };
      const location =
        input.filename.endsWith('/main.js') && input.line > 0
          ? (originalLocation(map, input.line, input.column) ?? null)
          : null;
      return { location, stack: mapStack(input.stack, map) };
    },
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://console.invalid').pathname;
    if (!path.startsWith('/dev/')) return false;
    const reply = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    try {
      // A custom header: other sites cannot send it without a preflight this server never grants.
      if (request.headers.authorization !== `Bearer ${deps.devToken}`)
        throw new EndpointError(401, 'Dev endpoints need the sandbox token.');
      if (request.method !== 'POST') throw new EndpointError(405, 'Use POST.');
      if (!Object.hasOwn(REQUESTS, path)) throw new EndpointError(404, `No dev endpoint ${path}.`);
      const route = path as Route;
      const parsed = REQUESTS[route].safeParse(await readBody(request));
      if (!parsed.success) throw new EndpointError(400, z.prettifyError(parsed.error));
      const handler = handlers[route] as (input: unknown) => Promise<unknown>;
      reply(200, await handler(parsed.data));
    } catch (error) {
      if (error instanceof EndpointError) reply(error.status, { error: error.message });
      else reply(502, { error: error instanceof Error ? error.message : String(error) });
    }
    return true;
  };
}
