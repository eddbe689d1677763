// Server-sent events to signed-in consoles: each console receives the events of its shop.
import type { ServerResponse } from 'node:http';

/** An event for the console of one shop. */
export interface ConsoleEvent {
  readonly type: string;
  readonly appId: string;
  readonly payload: unknown;
}

// A comment line now and then keeps proxies from closing an idle stream.
const KEEPALIVE_MS = 15_000;

/** Fans events out to the open streams of each shop. */
export class EventHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();

  /** Turns `response` into an event stream for `shopId` until the client goes away. */
  open(shopId: string, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    let set = this.streams.get(shopId);
    if (!set) {
      set = new Set();
      this.streams.set(shopId, set);
    }
    set.add(response);
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
    response.on('close', () => {
      clearInterval(keepalive);
      set.delete(response);
    });
  }

  /** Sends an event to every console open on `shopId`. */
  publish(shopId: string, event: ConsoleEvent): void {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify({ appId: event.appId, payload: event.payload })}\n\n`;
    for (const response of this.streams.get(shopId) ?? []) response.write(frame);
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const set of this.streams.values()) for (const response of set) response.end();
    this.streams.clear();
  }
}
