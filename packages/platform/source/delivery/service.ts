// Delivery for apps over the Miaosong (Dada) open platform. The platform server alone holds the
// app_key/app_secret; it namespaces each app's order ids per app and shop, receives the signed
// status callbacks, and tells the console of each change so the host can tell the app.
import { createHash } from 'node:crypto';
import {
  MiaosongApiError,
  MiaosongClient,
  ORDER_STATUS_MESSAGES,
  type OrderStatus,
  type OrderStatusResult,
  parseStatusCallback,
  type StatusCallback,
} from '@jingmai/miaosong-shim/client';
import { type DeliveryOrder, type DeliveryRequest, JingmaiError, type MethodResult } from '@jingmai/protocol';
import type { OrderStore, StoredOrder } from './order-store.js';

/** How the platform reaches the delivery open platform. */
export interface DeliveryConfig {
  /** The shim's URL, or the real host (https://newopen.imdada.cn). */
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** The merchant id (source_id). */
  readonly sourceId: string;
  /** The open platform's shop number for a console shop. */
  readonly shopNo: (shopId: string) => string;
  /**
   * Public URL of this server's `/v1/delivery/callback`, where status callbacks arrive.
   * Defaults to that path on the address the server listens on (right for local development).
   */
  readonly callbackUrl?: string;
}

/** Who is asking. */
export interface DeliveryScope {
  readonly appId: string;
  readonly shopId: string;
}

// Open-platform codes, grouped by the protocol error an app should see.
const CONFLICT_CODES = new Set([
  2050, 2051, 2052, 2053, 2054, 2055, 2056, 2057, 2059, 2060, 2061, 2062, 2063, 2064, 2065, 2066, 2076, 2077,
  2105, 2130, 2460,
]);
const NOT_FOUND_CODES = new Set([2005, 2011]);
const UNAVAILABLE_CODES = new Set([2012, 2067, 2086, 2155]);

function fromMiaosong(error: unknown): never {
  if (error instanceof JingmaiError) throw error;
  if (error instanceof MiaosongApiError) {
    const details = { miaosongCode: error.code };
    const message = error.message.replace(/^[^:]*: /, '');
    if (NOT_FOUND_CODES.has(error.code)) throw new JingmaiError('NOT_FOUND', message, { details });
    if (CONFLICT_CODES.has(error.code)) throw new JingmaiError('CONFLICT', message, { details });
    if (UNAVAILABLE_CODES.has(error.code) || error.httpStatus >= 500)
      throw new JingmaiError('UNAVAILABLE', message, { details });
    throw new JingmaiError('INVALID_ARGUMENT', message, { details });
  }
  throw new JingmaiError('UNAVAILABLE', 'The delivery platform is unreachable.');
}

const coordinate = (text: string) => (text === '' ? null : Number.parseFloat(text));

/** The app's view of an order, from the open platform's status query. */
function toOrder(orderId: string, status: OrderStatusResult, cancelReason: string | null): DeliveryOrder {
  return {
    orderId,
    status: status.statusCode,
    statusText: status.statusMsg || ORDER_STATUS_MESSAGES[status.statusCode] || String(status.statusCode),
    fee: status.actualFee ?? status.deliveryFee ?? null,
    distance: status.distance ?? null,
    tips: status.tips ?? 0,
    rider: status.transporterName
      ? {
          name: status.transporterName,
          phone: status.transporterPhone,
          lat: coordinate(status.transporterLat),
          lng: coordinate(status.transporterLng),
        }
      : null,
    deductFee: status.statusCode === 5 ? (status.deductFee ?? 0) : null,
    cancelReason,
    createdAt: status.createTime,
    updatedAt: new Date().toISOString(),
  };
}

/** Delivery operations on behalf of apps. */
export class DeliveryService {
  private readonly client: MiaosongClient;
  private readonly followUps = new Map<string, Promise<void>>();

  constructor(
    private readonly config: DeliveryConfig,
    private readonly store: OrderStore,
    private readonly onChange: (owner: StoredOrder) => void,
    private readonly listeningUrl: () => string,
  ) {
    this.client = new MiaosongClient({
      baseUrl: config.baseUrl,
      appKey: config.appKey,
      appSecret: config.appSecret,
      sourceId: config.sourceId,
    });
  }

  /** The open platform's order id for an app's order: unique per app and shop, stable. */
  originId(scope: DeliveryScope, orderId: string): string {
    const owner = createHash('sha256')
      .update(`${scope.appId}\n${scope.shopId}`)
      .digest('base64url')
      .slice(0, 10);
    return `jm${owner}-${orderId}`;
  }

  private body(scope: DeliveryScope, request: DeliveryRequest) {
    return {
      shop_no: this.config.shopNo(scope.shopId),
      origin_id: this.originId(scope, request.orderId),
      city_code: request.cityCode,
      cargo_price: request.cargo.price,
      cargo_weight: request.cargo.weight,
      ...(request.cargo.count ? { cargo_num: request.cargo.count } : {}),
      ...(request.cargo.type ? { cargo_type: request.cargo.type } : {}),
      is_prepay: 0 as const,
      receiver_name: request.receiver.name,
      receiver_address: request.receiver.address,
      receiver_lat: request.receiver.lat,
      receiver_lng: request.receiver.lng,
      receiver_phone: request.receiver.phone,
      callback: this.config.callbackUrl ?? `${this.listeningUrl()}/v1/delivery/callback`,
      ...(request.remark ? { info: request.remark } : {}),
    };
  }

  private owned(scope: DeliveryScope, orderId: string): StoredOrder {
    const stored = this.store.byOriginId(this.originId(scope, orderId));
    if (!stored || stored.appId !== scope.appId || stored.shopId !== scope.shopId) {
      throw new JingmaiError('NOT_FOUND', 'No such delivery order.');
    }
    return stored;
  }

  private async refresh(
    stored: Omit<StoredOrder, 'order'> & { order?: DeliveryOrder },
    cancelReason?: string | null,
  ): Promise<StoredOrder> {
    const status = await this.client.queryStatus(stored.originId).catch(fromMiaosong);
    const order = toOrder(stored.orderId, status, cancelReason ?? stored.order?.cancelReason ?? null);
    const next = { ...stored, order };
    this.store.save(next);
    return next;
  }

  async quote(scope: DeliveryScope, request: DeliveryRequest): Promise<MethodResult<'delivery.quote'>> {
    const body = this.body(scope, request);
    const quote = await this.client.queryDeliverFee(body).catch(fromMiaosong);
    const expiresAt = Math.floor(quote.expiredTime > 1e12 ? quote.expiredTime / 1000 : quote.expiredTime);
    this.store.saveQuote({
      quoteId: quote.deliveryNo,
      originId: body.origin_id,
      appId: scope.appId,
      shopId: scope.shopId,
      orderId: request.orderId,
      cityCode: request.cityCode,
      expiresAt,
    });
    return {
      quoteId: quote.deliveryNo,
      orderId: request.orderId,
      fee: quote.fee,
      deliverFee: quote.deliverFee,
      distance: quote.distance,
      expiresAt,
    };
  }

  async create(
    scope: DeliveryScope,
    request: { quoteId: string } | { order: DeliveryRequest },
  ): Promise<DeliveryOrder> {
    if ('quoteId' in request) {
      const quote = this.store.takeQuote(request.quoteId);
      if (!quote || quote.appId !== scope.appId || quote.shopId !== scope.shopId)
        throw new JingmaiError('NOT_FOUND', 'No such quote.');
      return this.publish(
        quote,
        () => this.client.addAfterQuery({ deliveryNo: quote.quoteId }),
        (error) => {
          // A quote that failed to publish for a reason that may pass can be tried again.
          if (!(error instanceof MiaosongApiError) || error.code !== 2062) this.store.saveQuote(quote);
        },
      );
    }
    const body = this.body(scope, request.order);
    const owner = {
      originId: body.origin_id,
      appId: scope.appId,
      shopId: scope.shopId,
      orderId: request.order.orderId,
      cityCode: body.city_code,
    };
    return this.publish(owner, () => this.client.addOrder(body));
  }

  /**
   * Publishes an order. Its owner is recorded first, because the platform's first status callback
   * can arrive before the publish call returns; a failed publish forgets it again.
   */
  private async publish(
    owner: Omit<StoredOrder, 'order'>,
    send: () => Promise<unknown>,
    onFailure?: (error: unknown) => void,
  ): Promise<DeliveryOrder> {
    const existing = this.store.byOriginId(owner.originId);
    if (!existing) {
      const now = new Date().toISOString();
      this.store.save({
        ...owner,
        order: {
          orderId: owner.orderId,
          status: 1,
          statusText: ORDER_STATUS_MESSAGES[1],
          fee: null,
          distance: null,
          tips: 0,
          rider: null,
          deductFee: null,
          cancelReason: null,
          createdAt: now,
          updatedAt: now,
        },
      });
    }
    try {
      await send();
    } catch (error) {
      if (!existing) this.store.remove(owner.originId);
      onFailure?.(error);
      fromMiaosong(error);
    }
    return (await this.refresh(owner, null)).order;
  }

  async get(scope: DeliveryScope, orderId: string): Promise<DeliveryOrder> {
    return (await this.refresh(this.owned(scope, orderId))).order;
  }

  list(scope: DeliveryScope, options: { status?: number; cursor?: string; limit?: number }) {
    const page = this.store.list(scope.appId, scope.shopId, { ...options, limit: options.limit ?? 20 });
    return { items: page.items.map((stored) => stored.order), cursor: page.cursor };
  }

  async cancel(
    scope: DeliveryScope,
    request: { orderId: string; reasonId: number; reason?: string },
  ): Promise<{ deductFee: number }> {
    const stored = this.owned(scope, request.orderId);
    const result = await this.client
      .formalCancel({
        order_id: stored.originId,
        cancel_reason_id: request.reasonId,
        ...(request.reason ? { cancel_reason: request.reason } : {}),
      })
      .catch(fromMiaosong);
    const updated = await this.refresh(stored, request.reason ?? null);
    this.onChange(updated);
    return { deductFee: result.deduct_fee };
  }

  async addTip(scope: DeliveryScope, request: { orderId: string; amount: number }): Promise<void> {
    const stored = this.owned(scope, request.orderId);
    await this.client
      .addTip({ order_id: stored.originId, tips: request.amount, city_code: stored.cityCode })
      .catch(fromMiaosong);
    this.onChange(await this.refresh(stored));
  }

  async cancelReasons(): Promise<{ reasons: { id: number; reason: string }[] }> {
    return { reasons: await this.client.cancelReasons().catch(fromMiaosong) };
  }

  /**
   * A status callback from the open platform. Its signature is checked before anything is
   * trusted; callbacks for orders this platform did not create are acknowledged and ignored.
   * The caller answers the open platform at once: the follow-up (a status query for the rider's
   * position, then the console event) runs afterwards, in order per order, so a slow query never
   * holds the platform's callback open.
   */
  callback(body: unknown): void {
    let callback: StatusCallback;
    try {
      callback = parseStatusCallback(body);
    } catch (error) {
      throw new JingmaiError('PERMISSION_DENIED', 'The callback signature does not match.', { cause: error });
    }
    const stored = this.store.byOriginId(String(callback.order_id));
    if (!stored) return;
    const previous = this.followUps.get(stored.originId) ?? Promise.resolve();
    const next = previous
      .then(() => this.followUp(stored, callback))
      .catch(() => {
        // The status query failed: the event still goes out, with what the callback itself says.
        const status = callback.order_status as OrderStatus;
        const order = {
          ...stored.order,
          status,
          statusText: ORDER_STATUS_MESSAGES[status] ?? String(status),
          updatedAt: new Date().toISOString(),
        };
        this.store.save({ ...stored, order });
        this.onChange({ ...stored, order });
      })
      .finally(() => {
        if (this.followUps.get(stored.originId) === next) this.followUps.delete(stored.originId);
      });
    this.followUps.set(stored.originId, next);
  }

  private async followUp(stored: StoredOrder, callback: StatusCallback): Promise<void> {
    const updated = await this.refresh(stored, callback.cancel_reason || null);
    // The status query may already be past the callback's status; the callback's own is what changed.
    const status = callback.order_status as OrderStatus;
    const order: DeliveryOrder = {
      ...updated.order,
      status,
      statusText: ORDER_STATUS_MESSAGES[status] ?? String(status),
    };
    this.store.save({ ...updated, order });
    this.onChange({ ...updated, order });
  }
}
