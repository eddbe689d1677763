// A typed client for the open platform. Point `baseUrl` at the shim or at the real hosts; nothing else changes.

import type { FailEnvelope, RequestEnvelope, ResponseEnvelope } from '../protocol/envelope.js';
import { signRequest } from '../protocol/signature.js';
import {
  type AddAfterQueryRequest,
  type AddOrderRequest,
  type AddTipRequest,
  type ApiPath,
  type CancelReason,
  type CityCode,
  type FeeResult,
  type FormalCancelRequest,
  type FormalCancelResult,
  type OrderStatusResult,
  PATHS,
  type QueryDeliverFeeRequest,
  type QueryDeliverFeeResult,
} from '../protocol/types.js';
import { MiaosongApiError, MiaosongTransportError } from './errors.js';

/** The platform's hosts. */
export const MIAOSONG_HOSTS = {
  production: 'https://newopen.imdada.cn',
  test: 'https://newopen.qa.imdada.cn',
} as const;

export interface MiaosongClientOptions {
  /** The shim's URL, or one of {@link MIAOSONG_HOSTS}. */
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** The merchant id (商户编号). */
  readonly sourceId: string;
  /** Per-call timeout in ms. Default 10 000. */
  readonly timeoutMs?: number;
  /** Replaceable for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Wall clock used for the envelope timestamp. Default Date.now. */
  readonly now?: () => number;
}

export class MiaosongClient {
  readonly #options: MiaosongClientOptions;
  readonly #fetch: typeof fetch;
  readonly #baseUrl: string;

  constructor(options: MiaosongClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Builds the signed envelope for `body` (undefined sends the empty string, as parameterless APIs expect). */
  envelope(body: unknown): RequestEnvelope {
    const unsigned = {
      app_key: this.#options.appKey,
      body: body === undefined ? '' : JSON.stringify(body),
      format: 'json' as const,
      source_id: this.#options.sourceId,
      timestamp: String(Math.floor((this.#options.now ?? Date.now)() / 1000)),
      v: '1.0' as const,
    };
    return { ...unsigned, signature: signRequest(unsigned, this.#options.appSecret) };
  }

  /** Calls any endpoint; resolves with `result`, rejects with {@link MiaosongApiError} or {@link MiaosongTransportError}. */
  async call<T>(path: ApiPath | string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(this.#baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(this.envelope(body)),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new MiaosongTransportError(
        error instanceof Error ? error.message : String(error),
        path,
        undefined,
        {
          cause: error,
        },
      );
    }
    const text = await response.text();
    let reply: ResponseEnvelope<T> | undefined;
    try {
      reply = JSON.parse(text) as ResponseEnvelope<T>;
    } catch {
      reply = undefined;
    }
    if (!reply || typeof reply !== 'object' || typeof reply.code !== 'number') {
      throw new MiaosongTransportError(
        `HTTP ${response.status} without a platform reply`,
        path,
        response.status,
      );
    }
    if (reply.status === 'success' && reply.code === 0 && response.ok) return reply.result;
    const fail = reply as FailEnvelope;
    throw new MiaosongApiError(fail.code, fail.msg, path, response.status);
  }

  /** Prices an order; publish it within 3 minutes with {@link MiaosongClient.addAfterQuery}. */
  queryDeliverFee(order: QueryDeliverFeeRequest): Promise<QueryDeliverFeeResult> {
    return this.call(PATHS.queryDeliverFee, order);
  }

  async addAfterQuery(request: AddAfterQueryRequest): Promise<void> {
    await this.call(PATHS.addAfterQuery, request);
  }

  addOrder(order: AddOrderRequest): Promise<FeeResult> {
    return this.call(PATHS.addOrder, order);
  }

  /** Publishes again an order that was cancelled, expired or returned (5, 7, 10). */
  reAddOrder(order: AddOrderRequest): Promise<FeeResult> {
    return this.call(PATHS.reAddOrder, order);
  }

  /** Order detail by your own order id (origin_id). */
  queryStatus(orderId: string): Promise<OrderStatusResult> {
    return this.call(PATHS.statusQuery, { order_id: orderId });
  }

  formalCancel(request: FormalCancelRequest): Promise<FormalCancelResult> {
    return this.call(PATHS.formalCancel, request);
  }

  cancelReasons(): Promise<CancelReason[]> {
    return this.call(PATHS.cancelReasons);
  }

  async addTip(request: AddTipRequest): Promise<void> {
    await this.call(PATHS.addTip, request);
  }

  /** Confirms that goods of a failed delivery came back (9 -> 10). */
  async confirmGoods(orderId: string): Promise<void> {
    await this.call(PATHS.confirmGoods, { order_id: orderId });
  }

  cityCodes(): Promise<CityCode[]> {
    return this.call(PATHS.cityCodeList);
  }

  /** Test-environment simulations of rider actions; production answers 2068. */
  readonly simulate = {
    accept: (orderId: string) => this.#simulate(PATHS.simulateAccept, orderId),
    fetch: (orderId: string) => this.#simulate(PATHS.simulateFetch, orderId),
    finish: (orderId: string) => this.#simulate(PATHS.simulateFinish, orderId),
    cancel: (orderId: string) => this.#simulate(PATHS.simulateCancel, orderId),
    expire: (orderId: string) => this.#simulate(PATHS.simulateExpire, orderId),
  };

  async #simulate(path: ApiPath, orderId: string): Promise<void> {
    await this.call(path, { order_id: orderId });
  }
}
