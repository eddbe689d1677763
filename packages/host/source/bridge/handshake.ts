// The one window `message` listener of a host. A hello counts only when it comes from the
// contentWindow of a frame the host mounted (`event.source`; a sandboxed frame's origin is
// "null" and proves nothing). Everything else posted to the console is ignored.

import type { Hello } from '@jingmai/protocol';
import { HelloSchema } from '@jingmai/protocol';

/** Called with a valid hello and the window to answer. */
export type HelloHandler = (hello: Hello, source: Window) => void;

/** Routes hellos to the mount whose frame sent them. */
export class HandshakeListener {
  private readonly frames = new Map<MessageEventSource, HelloHandler>();

  constructor(private readonly window: Window) {
    window.addEventListener('message', this.onMessage);
  }

  /** Listens for hellos from `frame`; returns the function that stops listening. */
  register(frame: Window, handler: HelloHandler): () => void {
    this.frames.set(frame, handler);
    return () => {
      if (this.frames.get(frame) === handler) this.frames.delete(frame);
    };
  }

  /** Number of frames listened to (zero after every mount is gone). */
  get size(): number {
    return this.frames.size;
  }

  dispose(): void {
    this.window.removeEventListener('message', this.onMessage);
    this.frames.clear();
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const handler = event.source ? this.frames.get(event.source) : undefined;
    if (!handler) return;
    const hello = HelloSchema.safeParse(event.data);
    if (hello.success) handler(hello.data, event.source as Window);
  };
}
