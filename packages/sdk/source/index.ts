// `@jingmai/sdk`: what a micro-app imports. It ships no zod and no host code: protocol types are
// imported as types, and run-time constants come from the zod-free protocol entry.
import { JingmaiError } from '@jingmai/protocol/constants';
import { type App, createApp } from './app.js';
import { BridgeClient } from './bridge/client.js';
import { handshake } from './bridge/handshake.js';
import { followContentHeight } from './ui/auto-height.js';

export type {
  Context,
  DeliveryOrder,
  DeliveryQuote,
  DeliveryRequest,
  EventName,
  EventPayload,
  MethodName,
  MethodParams,
  MethodResult,
  Scope,
} from '@jingmai/protocol';
export { type ErrorCode, isJingmaiError, JingmaiError } from '@jingmai/protocol/constants';
export type { App, AppEvents, ConfirmOptions, ModalOptions, ToastOptions } from './app.js';
export type { CallOptions } from './bridge/client.js';
export type { AppDelivery, CancelReason } from './delivery.js';
export type { AppStorage, PutOptions, StorageBody } from './storage.js';

/** Options of {@link connect}. */
export interface ConnectOptions {
  /** How long to wait for the console's answer (default 10 s). */
  readonly timeoutMs?: number;
  /** Follow the content height with ui.resize (default true when the app holds "ui"). */
  readonly autoHeight?: boolean;
  readonly window?: Window;
}

/** Connects the app to the console it runs in. Rejects with a {@link JingmaiError}. */
export async function connect(options: ConnectOptions = {}): Promise<App> {
  const window = options.window ?? globalThis.window;
  if (!window) throw new JingmaiError('UNAVAILABLE', 'connect() runs in a browser frame.');
  const { port, welcome } = await handshake(window, options.timeoutMs ?? 10_000);
  const client = new BridgeClient(port, welcome.heartbeatMs);
  const app = createApp(client, welcome);
  if (options.autoHeight !== false && app.scopes.includes('ui')) {
    const stop = followContentHeight(window, (height) => app.ui.resize(height));
    app.on('disconnect', stop);
  }
  return app;
}
