// The platform endpoints: path -> body schema -> order service call.

import type { OrderService, SimulationAction } from '../orders/service.js';
import { CANCEL_REASONS } from '../protocol/cancel-reasons.js';
import { CITIES } from '../protocol/cities.js';
import { type ApiPath, PATHS } from '../protocol/types.js';
import { ApiFailure } from './failure.js';
import {
  addAfterQuerySchema,
  addOrderSchema,
  addTipSchema,
  formalCancelSchema,
  orderIdSchema,
  queryDeliverFeeSchema,
  validateBody,
} from './validation.js';

export interface RouteContext {
  readonly sourceId: string;
  /** The envelope's `body`, still as JSON text. */
  readonly body: string;
}

/** Returns the result, or a promise of it for changes (settled once committed). */
export type RouteHandler = (ctx: RouteContext) => unknown;

/** Parses `body` as a JSON object, with the platform's codes for empty (2000) and unparsable (2419) text. */
function objectBody(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body.trim() === '') throw new ApiFailure(2000);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.body);
  } catch {
    throw new ApiFailure(2419);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiFailure(2419, 'body 必须是JSON对象');
  }
  return parsed as Record<string, unknown>;
}

// Endpoints without a result answer with an empty string, like the platform's "no data" replies.
const NO_RESULT = '';

export function createRoutes(orders: OrderService): ReadonlyMap<ApiPath, RouteHandler> {
  const simulation = (action: SimulationAction): RouteHandler => {
    return async (ctx) => {
      await orders.simulate(ctx.sourceId, action, validateBody(orderIdSchema, objectBody(ctx)).order_id);
      return NO_RESULT;
    };
  };
  const routes: Record<ApiPath, RouteHandler> = {
    [PATHS.queryDeliverFee]: (ctx) =>
      orders.queryDeliverFee(ctx.sourceId, validateBody(queryDeliverFeeSchema, objectBody(ctx))),
    [PATHS.addAfterQuery]: async (ctx) => {
      await orders.addAfterQuery(ctx.sourceId, validateBody(addAfterQuerySchema, objectBody(ctx)));
      return NO_RESULT;
    },
    [PATHS.addOrder]: (ctx) => orders.addOrder(ctx.sourceId, validateBody(addOrderSchema, objectBody(ctx))),
    [PATHS.reAddOrder]: (ctx) =>
      orders.reAddOrder(ctx.sourceId, validateBody(addOrderSchema, objectBody(ctx))),
    [PATHS.statusQuery]: (ctx) =>
      orders.status(ctx.sourceId, validateBody(orderIdSchema, objectBody(ctx)).order_id),
    [PATHS.formalCancel]: (ctx) =>
      orders.formalCancel(ctx.sourceId, validateBody(formalCancelSchema, objectBody(ctx))),
    [PATHS.cancelReasons]: () => CANCEL_REASONS.map(({ id, reason }) => ({ id, reason })),
    [PATHS.addTip]: async (ctx) => {
      await orders.addTip(ctx.sourceId, validateBody(addTipSchema, objectBody(ctx)));
      return NO_RESULT;
    },
    [PATHS.confirmGoods]: async (ctx) => {
      await orders.confirmGoods(ctx.sourceId, validateBody(orderIdSchema, objectBody(ctx)).order_id);
      return NO_RESULT;
    },
    [PATHS.cityCodeList]: () => CITIES.map(({ cityName, cityCode }) => ({ cityName, cityCode })),
    [PATHS.simulateAccept]: simulation('accept'),
    [PATHS.simulateFetch]: simulation('fetch'),
    [PATHS.simulateFinish]: simulation('finish'),
    [PATHS.simulateCancel]: simulation('cancel'),
    [PATHS.simulateExpire]: simulation('expire'),
  };
  return new Map(Object.entries(routes) as [ApiPath, RouteHandler][]);
}
