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
// Events kept per shop for consoles that reconnect with Last-Event-ID.
const REPLAY_LIMIT = 500;

/** Fans events out to the open streams of each shop. */
export class EventHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private readonly recent = new Map<string, { id: number; frame: string }[]>();
  private nextId = 1;

  /**
   * Turns `response` into an event stream for `shopId` until the client goes away. With
   * `lastEventId` (a reconnect), the events it missed since then are sent first.
   */
  open(shopId: string, response: ServerResponse, lastEventId?: string): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const after = Number(lastEventId);
    if (lastEventId !== undefined && Number.isSafeInteger(after)) {
      for (const event of this.recent.get(shopId) ?? []) if (event.id > after) response.write(event.frame);
    }
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
    const id = this.nextId++;
    const frame = `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify({ appId: event.appId, payload: event.payload })}\n\n`;
    let recent = this.recent.get(shopId);
    if (!recent) {
      recent = [];
      this.recent.set(shopId, recent);
    }
    recent.push({ id, frame });
    if (recent.length > REPLAY_LIMIT) recent.shift();
    for (const response of this.streams.get(shopId) ?? []) response.write(frame);
  }

  /** Ends every stream (server shutdown). */
  closeAll(): void {
    for (const set of this.streams.values()) for (const response of set) response.end();
    this.streams.clear();
  }
}
