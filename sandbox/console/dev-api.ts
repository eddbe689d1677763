// The sandbox server's dev-only endpoints, typed: rider simulations, the Miaosong clock and
// callback switch, an order's route, and source locations of app errors.
import type { ErrorLocation } from './activity';

/** Which app's order, in which shop. */
export interface OrderRef {
  readonly appId: string;
  readonly shopId: string;
  readonly orderId: string;
}

export type RiderAction = 'accept' | 'fetch' | 'finish' | 'cancel' | 'expire';

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** An order's route and the shim's record of each status change and its callback. */
export interface OrderRoute {
  readonly shop: LatLng;
  readonly receiver: LatLng;
  readonly timeline: readonly {
    status: number;
    at: number;
    callback: 'pending' | 'delivered' | 'failed';
    attempts: number;
    lastError: string | null;
  }[];
}

/** The Miaosong shim's admin state. */
export interface MiaosongState {
  readonly clock: { mode: string; speed: number; now: number };
  readonly callbackFailure: boolean;
}

export interface DevApi {
  simulate(order: OrderRef, action: RiderAction): Promise<void>;
  route(order: OrderRef): Promise<OrderRoute>;
  miaosongState(): Promise<MiaosongState>;
  advanceClock(ms: number): Promise<MiaosongState>;
  setCallbackFailure(enabled: boolean): Promise<MiaosongState>;
  sourceLocation(request: {
    appId: string;
    filename: string;
    line: number;
    column: number;
    stack: string;
  }): Promise<{ location: ErrorLocation | null; stack: string }>;
}

export function createDevApi(devToken: string): DevApi {
  async function post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${devToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
    if (!response.ok) throw new Error(answer.error ?? `${path} answered ${response.status}`);
    return answer;
  }
  return {
    simulate: async (order, action) => {
      await post('/dev/delivery/simulate', { ...order, action });
    },
    route: (order) => post('/dev/delivery/route', order),
    miaosongState: () => post('/dev/miaosong/state', {}),
    advanceClock: (ms) => post('/dev/miaosong/advance', { ms }),
    setCallbackFailure: (enabled) => post('/dev/miaosong/callback-failure', { enabled }),
    sourceLocation: (request) => post('/dev/source-location', request),
  };
}
