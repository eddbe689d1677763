// The app's delivery orders (through the platform server's delivery routes, for the current
// shop), each with the status events the console received, the route and rider on a map, and
// the Miaosong shim's controls: rider actions, clock advance, failing callbacks.
import type { PlatformClient } from '@jingmai/host';
import type { DeliveryOrder } from '@jingmai/protocol';
import { StatusBadge } from '@jingmai/ui';
import { useEffect, useState } from 'preact/hooks';
import { type AppActivity, useActivity } from '../activity';
import type { DevApi, MiaosongState, OrderRef, OrderRoute, RiderAction } from '../dev-api';
import { RouteMap } from './route-map';
import { latestOrder } from './status-timeline';

const ACTIONS: readonly RiderAction[] = ['accept', 'fetch', 'finish', 'cancel'];
const ADVANCES = [
  { label: '+1 min', ms: 60_000 },
  { label: '+10 min', ms: 600_000 },
  { label: '+1 h', ms: 3_600_000 },
];

function OrderCard(props: {
  order: DeliveryOrder;
  reference: OrderRef;
  activity: AppActivity;
  dev: DevApi;
  onError: (message: string) => void;
  onChanged: () => void;
}) {
  const { order, reference, dev } = props;
  const received = props.activity.statuses.get(order.orderId) ?? [];
  const [route, setRoute] = useState<OrderRoute>();
  useEffect(() => {
    dev
      .route(reference)
      .then(setRoute)
      .catch(() => setRoute(undefined));
  }, [dev, reference.appId, reference.shopId, reference.orderId, order.status, received.length]);
  const rider =
    order.rider?.lat != null && order.rider.lng != null
      ? { lat: order.rider.lat, lng: order.rider.lng }
      : null;
  return (
    <article class="order" data-order={order.orderId} data-status={order.status}>
      <header>
        <strong>{order.orderId}</strong>
        <StatusBadge status={order.status} />
        <span class="hint">
          {order.fee != null ? `¥${order.fee.toFixed(2)}` : ''}{' '}
          {order.distance != null ? `${order.distance} m` : ''}
          {order.rider ? ` · 骑手 ${order.rider.name}` : ''}
        </span>
      </header>
      <div class="order-body">
        {route && <RouteMap shop={route.shop} receiver={route.receiver} rider={rider} />}
        <div>
          <h4>Status events received</h4>
          <ol class="timeline">
            {received.map((event) => (
              <li key={`${event.status}-${event.receivedAt}`} data-status={event.status}>
                {new Date(event.receivedAt).toLocaleTimeString('en-GB')} {event.statusText} ({event.status})
              </li>
            ))}
          </ol>
          {route && (
            <>
              <h4>Shim timeline and callbacks</h4>
              <ol class="timeline">
                {route.timeline.map((change) => (
                  <li key={`${change.status}-${change.at}`} class={`callback-${change.callback}`}>
                    {change.status} · callback {change.callback}
                    {change.attempts > 1 ? ` after ${change.attempts} attempts` : ''}
                    {change.lastError ? ` (${change.lastError})` : ''}
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      </div>
      <div class="toolbar">
        {ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            onClick={() =>
              dev
                .simulate(reference, action)
                .then(props.onChanged, (error: Error) => props.onError(error.message))
            }
          >
            Rider: {action}
          </button>
        ))}
      </div>
    </article>
  );
}

export function DeliveryPanel(props: {
  platform: PlatformClient;
  dev: DevApi;
  appId: string;
  shopId: string;
  activity: AppActivity;
}) {
  const { platform, dev, appId, shopId, activity } = props;
  useActivity(activity);
  const [orders, setOrders] = useState<readonly DeliveryOrder[]>([]);
  const [shim, setShim] = useState<MiaosongState>();
  const [error, setError] = useState('');
  // Shim actions refresh too: with failing callbacks no status event would.
  const [actions, setActions] = useState(0);
  const changed = () => setActions((count) => count + 1);
  const changes =
    actions +
    activity.calls.filter((call) => call.ok && call.method.startsWith('delivery.')).length +
    [...activity.statuses.values()].reduce((sum, events) => sum + events.length, 0);
  useEffect(() => {
    platform
      .delivery(appId, 'delivery.list', { limit: 50 })
      .then((page) => {
        setOrders(page.items);
        setError('');
      })
      .catch((caught: Error) => setError(caught.message));
  }, [platform, appId, shopId, changes]);
  useEffect(() => {
    dev.miaosongState().then(setShim, (caught: Error) => setError(caught.message));
  }, [dev]);

  const run = (work: Promise<MiaosongState>) =>
    work.then(
      (state) => {
        setShim(state);
        changed();
      },
      (caught: Error) => setError(caught.message),
    );

  return (
    <section class="delivery-panel">
      <div class="toolbar">
        <span class="hint">
          Miaosong clock{' '}
          {shim
            ? `${shim.clock.mode} ×${shim.clock.speed}, ${new Date(shim.clock.now).toLocaleTimeString('en-GB')}`
            : '…'}
        </span>
        {ADVANCES.map(({ label, ms }) => (
          <button key={label} type="button" onClick={() => run(dev.advanceClock(ms))}>
            Advance {label}
          </button>
        ))}
        <label>
          <input
            type="checkbox"
            checked={shim?.callbackFailure ?? false}
            onChange={(event) => run(dev.setCallbackFailure(event.currentTarget.checked))}
          />
          Callbacks fail
        </label>
      </div>
      {error && <p class="error">{error}</p>}
      {orders.length === 0 && (
        <p class="hint">
          No delivery orders for {appId} in shop {shopId} yet.
        </p>
      )}
      {orders.map((fetched) => (
        <OrderCard
          key={fetched.orderId}
          order={latestOrder(fetched, activity.statuses.get(fetched.orderId) ?? [])}
          reference={{ appId, shopId, orderId: fetched.orderId }}
          activity={activity}
          dev={dev}
          onError={setError}
          onChanged={changed}
        />
      ))}
    </section>
  );
}
