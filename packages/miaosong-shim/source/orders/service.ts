// The business rules behind each endpoint. Every change runs synchronously in its own savepoint of a group
// commit (see store/group-commit.ts), so two requests can never interleave: concurrent addOrder calls with
// one origin_id create one order. A change's promise settles once it is committed.

import { createHash, randomBytes } from 'node:crypto';
import type { SimClock } from '../clock/clock.js';
import { geocodeAddress } from '../fees/geocode.js';
import { fenToYuan, type Price, priceOrder, yuanToFen } from '../fees/pricing.js';
import { CANCEL_REASONS, OTHER_CANCEL_REASON_ID } from '../protocol/cancel-reasons.js';
import { findCity } from '../protocol/cities.js';
import {
  CANCEL_FROM,
  ORDER_STATUS,
  ORDER_STATUS_MESSAGES,
  type OrderStatus,
  REPUBLISHABLE_STATUSES,
} from '../protocol/statuses.js';
import { formatChinaTime } from '../protocol/time-format.js';
import type {
  FeeResult,
  FormalCancelResult,
  OrderStatusResult,
  QueryDeliverFeeResult,
} from '../protocol/types.js';
import { ApiFailure } from '../server/failure.js';
import type {
  AddAfterQueryInput,
  AddOrderInput,
  AddTipInput,
  FormalCancelInput,
  QueryDeliverFeeInput,
} from '../server/validation.js';
import { createGroupCommit } from '../store/group-commit.js';
import type { OrderEvent, OrderRow, ShopRow } from '../store/rows.js';
import type { NewOrder, Store } from '../store/sqlite.js';
import { cancelRefusal, deductFeeFen } from './cancellation.js';
import {
  canTransition,
  changeStatus,
  type LifecycleDeps,
  recordStatus,
  type StatusChange,
} from './lifecycle.js';
import { riderPosition } from './rider.js';
import { planNextEvent } from './schedule.js';
import type { SimulationTimings } from './timings.js';
import { createWaybillNumbers } from './waybill-numbers.js';

/** The test-environment simulation endpoints. */
export type SimulationAction = 'accept' | 'fetch' | 'finish' | 'cancel' | 'expire';

/** Sandbox-only moves with no endpoint on the platform: rider at shop, delivery exception, creation failure. */
export type AdminAction = 'arrive' | 'exception' | 'fail-creation';

export interface OrderServiceDeps {
  readonly store: Store;
  readonly clock: SimClock;
  readonly timings: SimulationTimings;
  /** Production refuses the simulation endpoints with 2068, as the real platform does. */
  readonly environment: 'test' | 'production';
  /** Called after every committed change, so queued callbacks go out. */
  readonly onChange: () => void;
  /** Called with the time of every order event planned. */
  readonly onScheduled: (at: number) => void;
}

/** A fully resolved order: coordinates known, price fixed. */
interface PublishInput {
  readonly body: AddOrderInput;
  readonly price: Price;
}

const ACCEPTED_OR_LATER: readonly OrderStatus[] = [2, 100, 3, 4, 9, 10];

export type OrderService = ReturnType<typeof createOrderService>;

export function createOrderService(deps: OrderServiceDeps) {
  const { store, clock, timings } = deps;
  const lifecycle: LifecycleDeps = { store, timings, onScheduled: deps.onScheduled };
  const waybills = createWaybillNumbers(store);

  // A rolled-back savepoint may have taken back a waybill block reservation; waybills re-read it at once,
  // before the next write of the batch takes a number.
  const writes = createGroupCommit({
    transaction: store.transaction,
    onRollback: waybills.reload,
    onCommit: deps.onChange,
  });
  const mutate = <T>(fn: () => T): Promise<T> => writes.run(fn);

  function requireOrder(sourceId: string, originId: string): OrderRow {
    const order = store.getOrder(sourceId, originId);
    if (!order) throw new ApiFailure(2005);
    return order;
  }

  function requireShop(sourceId: string, shopNo: string): ShopRow {
    const shop = store.getShop(sourceId, shopNo);
    if (!shop) throw new ApiFailure(2004, `无效的门店编号: ${shopNo}`);
    return shop;
  }

  function resolve(sourceId: string, body: QueryDeliverFeeInput): PublishInput {
    const shop = requireShop(sourceId, body.shop_no);
    const city = findCity(body.city_code);
    if (!city) throw new ApiFailure(2044, `城市尚未开通: ${body.city_code}`);
    const receiver =
      body.receiver_lat !== undefined && body.receiver_lng !== undefined
        ? { lat: body.receiver_lat, lng: body.receiver_lng }
        : geocodeAddress(city, body.receiver_address);
    const price = priceOrder({
      shop,
      receiver,
      cargoWeightKg: body.cargo_weight,
      cargoPriceYuan: body.cargo_price,
      useInsurance: body.is_use_insurance === 1,
      tipsYuan: body.tips ?? 0,
    });
    return { body: { ...body, receiver_lat: receiver.lat, receiver_lng: receiver.lng }, price };
  }

  function feeResult(price: Price): FeeResult {
    return {
      distance: price.distanceMetres,
      fee: fenToYuan(price.deliverFeeFen - price.couponFeeFen),
      deliverFee: fenToYuan(price.deliverFeeFen),
      couponFee: fenToYuan(price.couponFeeFen),
      tips: fenToYuan(price.tipsFen),
      insuranceFee: fenToYuan(price.insuranceFeeFen),
    };
  }

  /** Publishes (or re-publishes over `existing`) an order in status 1 with a fresh waybill number. */
  function publish(sourceId: string, input: PublishInput, existing: OrderRow | undefined): OrderRow {
    const now = clock.now();
    const { body, price } = input;
    const shop = requireShop(sourceId, body.shop_no);
    const clientId = waybills.take();
    const finishCode =
      body.is_finish_code_needed === 1
        ? String(createHash('md5').update(clientId).digest().readUInt32BE(0) % 1_000_000).padStart(6, '0')
        : '';
    const fields: NewOrder = {
      source_id: sourceId,
      origin_id: body.origin_id,
      client_id: clientId,
      shop_no: body.shop_no,
      city_code: body.city_code,
      status: ORDER_STATUS.WAITING_ACCEPT,
      request: JSON.stringify(body),
      callback_url: body.callback,
      shop_lat: shop.lat,
      shop_lng: shop.lng,
      receiver_lat: body.receiver_lat,
      receiver_lng: body.receiver_lng,
      distance: price.distanceMetres,
      cargo_price_fen: yuanToFen(body.cargo_price),
      deliver_fee_fen: price.deliverFeeFen,
      coupon_fee_fen: price.couponFeeFen,
      insurance_fee_fen: price.insuranceFeeFen,
      tips_fen: price.tipsFen,
      deduct_fee_fen: 0,
      finish_code: finishCode,
      created_at: now,
      updated_at: now,
      accepted_at: null,
      arrived_at: null,
      fetched_at: null,
      finished_at: null,
      cancelled_at: null,
      cancel_from: CANCEL_FROM.NONE,
      cancel_reason: '',
      dm_id: null,
      dm_name: null,
      dm_mobile: null,
      rider_start_lat: null,
      rider_start_lng: null,
      next_event: null,
      next_event_at: null,
    };
    const planned = planNextEvent({ ...fields, id: 0 }, timings);
    fields.next_event = planned.event;
    fields.next_event_at = planned.at;
    let order: OrderRow;
    if (existing) {
      order = { ...fields, id: existing.id };
      store.updateOrder(order);
    } else {
      order = store.insertOrder(fields);
    }
    recordStatus(lifecycle, order, now);
    if (order.next_event_at !== null) deps.onScheduled(order.next_event_at);
    return order;
  }

  const isRepublishable = (order: OrderRow) =>
    REPUBLISHABLE_STATUSES.includes(order.status) || order.status === ORDER_STATUS.CREATE_FAILED;

  function move(order: OrderRow, to: OrderStatus, refusal: number, change?: StatusChange): OrderRow {
    if (!canTransition(order.status, to)) throw new ApiFailure(refusal);
    return changeStatus(lifecycle, order, to, clock.now(), change);
  }

  return {
    queryDeliverFee(sourceId: string, body: QueryDeliverFeeInput): Promise<QueryDeliverFeeResult> {
      return mutate(() => {
        const existing = store.getOrder(sourceId, body.origin_id);
        if (existing && !isRepublishable(existing)) throw new ApiFailure(2130);
        const input = resolve(sourceId, body);
        const now = clock.now();
        const deliveryNo = `Dada${randomBytes(16).toString('hex')}`;
        const expiresAt = now + timings.quoteTtlMs;
        store.insertQuote({
          delivery_no: deliveryNo,
          source_id: sourceId,
          origin_id: body.origin_id,
          request: JSON.stringify(input),
          created_at: now,
          expires_at: expiresAt,
          used_at: null,
        });
        return { ...feeResult(input.price), deliveryNo, expiredTime: Math.floor(expiresAt / 1000) };
      });
    },

    addAfterQuery(sourceId: string, body: AddAfterQueryInput): Promise<void> {
      return mutate(() => {
        const quote = store.getQuote(body.deliveryNo, sourceId);
        if (!quote) throw new ApiFailure(2005, `deliveryNo不存在: ${body.deliveryNo}`);
        if (quote.used_at !== null) throw new ApiFailure(2063);
        if (clock.now() > quote.expires_at) throw new ApiFailure(2062);
        const existing = store.getOrder(sourceId, quote.origin_id);
        if (existing && !isRepublishable(existing)) throw new ApiFailure(2064);
        const input = JSON.parse(quote.request) as PublishInput;
        const withInfo = body.enableReset ? { ...input, body: { ...input.body, info: body.info } } : input;
        publish(sourceId, withInfo, existing);
        store.markQuoteUsed(quote.delivery_no, clock.now());
      });
    },

    addOrder(sourceId: string, body: AddOrderInput): Promise<FeeResult> {
      return mutate(() => {
        const existing = store.getOrder(sourceId, body.origin_id);
        // A creation failure (1000) is published again with addOrder; anything else is a duplicate.
        if (existing && existing.status !== ORDER_STATUS.CREATE_FAILED) throw new ApiFailure(2105);
        const input = resolve(sourceId, body);
        publish(sourceId, input, existing);
        return feeResult(input.price);
      });
    },

    reAddOrder(sourceId: string, body: AddOrderInput): Promise<FeeResult> {
      return mutate(() => {
        const existing = store.getOrder(sourceId, body.origin_id);
        if (!existing) throw new ApiFailure(2060);
        if (!REPUBLISHABLE_STATUSES.includes(existing.status)) throw new ApiFailure(2061);
        const input = resolve(sourceId, body);
        publish(sourceId, input, existing);
        return feeResult(input.price);
      });
    },

    status(sourceId: string, originId: string): OrderStatusResult {
      const order = requireOrder(sourceId, originId);
      const position = riderPosition(order, clock.now(), timings);
      const deliveryFeeFen = order.deliver_fee_fen + order.tips_fen + order.insurance_fee_fen;
      return {
        orderId: order.origin_id,
        statusCode: order.status,
        statusMsg: ORDER_STATUS_MESSAGES[order.status],
        transporterName: order.dm_name ?? '',
        transporterPhone: order.dm_mobile ?? '',
        transporterLng: position ? position.lng.toFixed(6) : '',
        transporterLat: position ? position.lat.toFixed(6) : '',
        deliveryFee: fenToYuan(deliveryFeeFen),
        tips: fenToYuan(order.tips_fen),
        couponFee: fenToYuan(order.coupon_fee_fen),
        insuranceFee: fenToYuan(order.insurance_fee_fen),
        actualFee: fenToYuan(deliveryFeeFen - order.coupon_fee_fen),
        distance: order.distance,
        createTime: formatChinaTime(order.created_at),
        acceptTime: formatChinaTime(order.accepted_at),
        fetchTime: formatChinaTime(order.fetched_at),
        finishTime: formatChinaTime(order.finished_at),
        cancelTime: formatChinaTime(order.cancelled_at),
        orderFinishCode: order.finish_code,
        deductFee: fenToYuan(order.deduct_fee_fen),
      };
    },

    formalCancel(sourceId: string, body: FormalCancelInput): Promise<FormalCancelResult> {
      return mutate(() => {
        const order = requireOrder(sourceId, body.order_id);
        const reason = CANCEL_REASONS.find((r) => r.id === body.cancel_reason_id);
        if (!reason) throw new ApiFailure(2457);
        const text = body.cancel_reason?.trim() ?? '';
        if (reason.id === OTHER_CANCEL_REASON_ID && text === '') throw new ApiFailure(2049);
        const refusal = cancelRefusal(order.status);
        if (refusal !== null) throw new ApiFailure(refusal);
        const deduct = deductFeeFen(order, clock.now());
        changeStatus(lifecycle, order, ORDER_STATUS.CANCELLED, clock.now(), {
          cancelFrom: CANCEL_FROM.MERCHANT,
          cancelReason: reason.id === OTHER_CANCEL_REASON_ID ? text : reason.reason,
          deductFeeFen: deduct,
        });
        return { deduct_fee: fenToYuan(deduct) };
      });
    },

    addTip(sourceId: string, body: AddTipInput): Promise<void> {
      return mutate(() => {
        const order = requireOrder(sourceId, body.order_id);
        if (order.status !== ORDER_STATUS.WAITING_ACCEPT && order.status !== ORDER_STATUS.ASSIGNED) {
          throw new ApiFailure(2059);
        }
        const tipsFen = yuanToFen(body.tips);
        if (tipsFen <= order.tips_fen) throw new ApiFailure(2057);
        if (tipsFen > order.cargo_price_fen) throw new ApiFailure(2077);
        store.updateOrder({ ...order, tips_fen: tipsFen, updated_at: clock.now() });
      });
    },

    confirmGoods(sourceId: string, originId: string): Promise<void> {
      return mutate(() => {
        move(requireOrder(sourceId, originId), ORDER_STATUS.RETURNED, 2082);
      });
    },

    simulate(sourceId: string, action: SimulationAction, originId: string): Promise<void> {
      if (deps.environment === 'production') throw new ApiFailure(2068);
      return mutate(() => {
        const order = requireOrder(sourceId, originId);
        const waiting =
          order.status === ORDER_STATUS.WAITING_ACCEPT || order.status === ORDER_STATUS.ASSIGNED;
        switch (action) {
          case 'accept':
            move(order, ORDER_STATUS.WAITING_PICKUP, ACCEPTED_OR_LATER.includes(order.status) ? 2476 : 2089);
            break;
          case 'fetch':
            move(order, ORDER_STATUS.DELIVERING, waiting ? 2083 : 2089);
            break;
          case 'finish':
            if (order.status !== ORDER_STATUS.DELIVERING) throw new ApiFailure(waiting ? 2083 : 2089);
            move(order, ORDER_STATUS.FINISHED, 2089);
            break;
          case 'cancel':
            move(order, ORDER_STATUS.CANCELLED, 2089, {
              cancelFrom: CANCEL_FROM.RIDER,
              cancelReason: '配送员取消订单(测试环境模拟)',
            });
            break;
          case 'expire':
            move(order, ORDER_STATUS.EXPIRED, 2089);
            break;
        }
      });
    },

    admin(sourceId: string, action: AdminAction, originId: string): Promise<void> {
      return mutate(() => {
        const order = requireOrder(sourceId, originId);
        if (action === 'arrive') move(order, ORDER_STATUS.RIDER_AT_SHOP, 2089);
        else if (action === 'exception') move(order, ORDER_STATUS.RETURNING, 2089);
        else move(order, ORDER_STATUS.CREATE_FAILED, 2089);
      });
    },

    /** Applies every scheduled event due by `now`, each at its own scheduled time. Returns how many ran. */
    processDue(now: number): number {
      const batchSize = 256;
      let applied = 0;
      for (;;) {
        const due = store.dueOrders(now, batchSize);
        if (due.length === 0) break;
        store.transaction(() => {
          for (const order of due) applyEvent(order);
        });
        applied += due.length;
      }
      if (applied > 0) deps.onChange();
      return applied;
    },

    /** Commits queued changes now instead of at the end of the event-loop turn (before closing the store). */
    flushWrites: writes.flush,

    get(sourceId: string, originId: string) {
      const order = store.getOrder(sourceId, originId);
      if (!order) return undefined;
      return { order, timeline: store.statusChangesOf(order.id) };
    },
  };

  function applyEvent(order: OrderRow): void {
    const at = order.next_event_at ?? clock.now();
    const target = EVENT_TARGETS[order.next_event ?? 'accept'];
    if (!order.next_event || !canTransition(order.status, target)) {
      store.updateOrder({ ...order, next_event: null, next_event_at: null });
      return;
    }
    const change: StatusChange =
      order.next_event === 'pickup-timeout'
        ? { cancelFrom: CANCEL_FROM.SYSTEM, cancelReason: '配送员超时未取货,系统取消' }
        : {};
    changeStatus(lifecycle, order, target, at, change);
  }
}

const EVENT_TARGETS: Readonly<Record<OrderEvent, OrderStatus>> = {
  accept: ORDER_STATUS.WAITING_PICKUP,
  arrive: ORDER_STATUS.RIDER_AT_SHOP,
  fetch: ORDER_STATUS.DELIVERING,
  finish: ORDER_STATUS.FINISHED,
  expire: ORDER_STATUS.EXPIRED,
  'pickup-timeout': ORDER_STATUS.CANCELLED,
};
