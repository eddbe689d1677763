// The sandbox's own control surface (not part of the platform): accounts, the clock, callback failure
// injection, and order moves the platform has no endpoint for. Guarded by a bearer token.

import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Dispatcher } from '../callbacks/dispatcher.js';
import type { SimClock } from '../clock/clock.js';
import { addApp } from '../merchants/accounts.js';
import type { AdminAction, OrderService } from '../orders/service.js';
import { findCity } from '../protocol/cities.js';
import type { Engine } from '../simulation/engine.js';
import type { Store } from '../store/sqlite.js';
import { ApiFailure } from './failure.js';

export interface AdminDeps {
  readonly token: string;
  readonly store: Store;
  readonly clock: SimClock;
  readonly engine: Engine;
  readonly dispatcher: Dispatcher;
  readonly orders: OrderService;
}

export interface AdminReply {
  readonly status: number;
  readonly body: unknown;
}

const sourceId = z.string().min(1);
const schemas = {
  merchant: z.object({ source_id: sourceId, name: z.string().min(1) }),
  app: z.object({
    source_id: sourceId,
    app_key: z.string().min(1).optional(),
    app_secret: z.string().min(8).optional(),
  }),
  shop: z.object({
    source_id: sourceId,
    shop_no: z.string().min(1),
    name: z.string().min(1),
    city_code: z.string().refine((code) => findCity(code) !== undefined, 'unknown city_code'),
    address: z.string().default(''),
    phone: z.string().default(''),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  }),
  advance: z.object({ ms: z.number().int().min(0) }),
  failure: z.object({ enabled: z.boolean() }),
  order: z.object({ source_id: sourceId, order_id: z.string().min(1) }),
};

const ORDER_ACTIONS: Record<string, AdminAction> = {
  '/admin/orders/arrive': 'arrive',
  '/admin/orders/exception': 'exception',
  '/admin/orders/fail-creation': 'fail-creation',
};

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AdminError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function isAuthorized(request: IncomingMessage, token: string): boolean {
  return request.headers.authorization === `Bearer ${token}`;
}

/** Handles one admin request whose JSON body (or query, for GET) is already parsed. */
export async function handleAdmin(
  deps: AdminDeps,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Promise<AdminReply> {
  try {
    return { status: 200, body: await route(deps, method, path, query, body) };
  } catch (error) {
    if (error instanceof AdminError) return { status: error.status, body: { error: error.message } };
    if (error instanceof ApiFailure) return { status: 409, body: { error: error.message, code: error.code } };
    throw error;
  }
}

async function route(deps: AdminDeps, method: string, path: string, query: URLSearchParams, body: unknown) {
  const { store, clock, engine, dispatcher, orders } = deps;
  const state = () => ({
    clock: { mode: clock.mode, speed: clock.speed, now: clock.now() },
    orders: store.countOrders(),
    callbacks: store.deliveryCounts(),
    callbackFailure: dispatcher.failAll,
  });
  if (method === 'GET' && path === '/admin/state') return state();
  if (method === 'GET' && path === '/admin/orders') {
    const { source_id, order_id } = parse(schemas.order, Object.fromEntries(query));
    const found = orders.get(source_id, order_id);
    if (!found) throw new AdminError(404, `no order ${order_id} for merchant ${source_id}`);
    return found;
  }
  if (method !== 'POST') throw new AdminError(404, `no admin route ${method} ${path}`);
  switch (path) {
    case '/admin/merchants': {
      const input = parse(schemas.merchant, body);
      store.upsertMerchant(input);
      return input;
    }
    case '/admin/apps': {
      const input = parse(schemas.app, body);
      if (!store.getMerchant(input.source_id)) throw new AdminError(404, `no merchant ${input.source_id}`);
      return addApp(store, input.source_id, input.app_key, input.app_secret);
    }
    case '/admin/shops': {
      const input = parse(schemas.shop, body);
      if (!store.getMerchant(input.source_id)) throw new AdminError(404, `no merchant ${input.source_id}`);
      store.upsertShop(input);
      return input;
    }
    case '/admin/clock/advance': {
      await engine.advance(parse(schemas.advance, body).ms);
      return state();
    }
    case '/admin/callbacks/failure': {
      dispatcher.setFailAll(parse(schemas.failure, body).enabled);
      return state();
    }
    default: {
      const action = ORDER_ACTIONS[path];
      if (!action) throw new AdminError(404, `no admin route ${method} ${path}`);
      const input = parse(schemas.order, body);
      await orders.admin(input.source_id, action, input.order_id);
      return orders.get(input.source_id, input.order_id);
    }
  }
}
