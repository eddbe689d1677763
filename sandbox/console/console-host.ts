// The host runtime of the console page, one per shop: the platform server streams events per
// shop, so switching shop starts a new host (the console's own state lives outside it).
import {
  createHost,
  createPlatformClient,
  type Host,
  type HostContext,
  type PlatformClient,
} from '@jingmai/host';
import type { DeliveryOrder } from '@jingmai/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SandboxConfig } from './config';
import { platformHeaders } from './console-context';

/** The host and the platform client it uses. */
export interface ConsoleHost {
  readonly host: Host;
  readonly platform: PlatformClient;
}

/** A delivery status change the platform server pushed for an app. */
export type StatusListener = (appId: string, order: DeliveryOrder) => void;

function createConsoleHost(
  config: SandboxConfig,
  context: () => HostContext,
  onStatus: StatusListener,
): ConsoleHost {
  const client = createPlatformClient({
    baseUrl: config.platformUrl,
    headers: () => platformHeaders(config.devToken, context()),
  });
  // The host's own event stream, read by the delivery panel too: one connection, not two.
  const platform: PlatformClient = {
    ...client,
    subscribe(onEvent, signal) {
      client.subscribe((event) => {
        onEvent(event);
        if (event.type === 'delivery.status') onStatus(event.appId, event.payload as DeliveryOrder);
      }, signal);
    },
  };
  return { host: createHost({ context: context(), platform }), platform };
}

/** The console host for the current shop; other context changes reach the apps live. */
export function useConsoleHost(
  config: SandboxConfig,
  context: HostContext,
  onStatus: StatusListener,
): ConsoleHost | undefined {
  const latest = useRef(context);
  latest.current = context;
  const [current, setCurrent] = useState<ConsoleHost>();
  useEffect(() => {
    const created = createConsoleHost(config, () => latest.current, onStatus);
    setCurrent(created);
    return () => created.host.destroy();
  }, [config, context.shop.id, onStatus]);
  useEffect(() => {
    if (!current) return;
    const { user, locale, theme } = latest.current;
    const shared = current.host.context;
    if (shared.user === user && shared.locale === locale && shared.theme === theme) return;
    current.host.setContext({ user, locale, theme });
  }, [current, context.user, context.locale, context.theme]);
  return current;
}
