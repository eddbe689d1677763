// The dispatch view: pending store orders with their quote or delivery, the actions on the
// selected ones, and the tracked delivery with its map and cancellation.
import type { App, DeliveryOrder } from '@jingmai/sdk';
import {
  Button,
  EmptyState,
  StatusBadge,
  Table,
  type TableColumn,
  ThemeProvider,
  useConsoleContext,
} from '@jingmai/ui';
import { useState } from 'preact/hooks';
import { CancelPanel } from './cancel-panel.js';
import { type Messages, messagesFor } from './messages.js';
import { RiderMap } from './rider-map.js';
import { SHOP, STORE_ORDERS, type StoreOrder } from './store-orders.js';
import { type Deliveries, useDeliveries } from './use-deliveries.js';

/** Statuses in which the merchant may still cancel. */
const CANCELLABLE = new Set([1, 2, 100]);

function clock(unixSeconds: number): string {
  const time = new Date(unixSeconds * 1000);
  return `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`;
}

function FeeCell({ order, state, text }: { order: StoreOrder; state: Deliveries; text: Messages }) {
  const delivery = state.deliveries.get(order.id);
  if (delivery?.fee != null) return <>{text.yuan(delivery.fee)}</>;
  const quote = state.quotes.get(order.id);
  if (!quote) return <>—</>;
  return <span title={text.quoteExpires(clock(quote.expiresAt))}>{text.yuan(quote.fee)}</span>;
}

function Tracking({
  app,
  order,
  delivery,
  state,
  text,
}: {
  app: App;
  order: StoreOrder;
  delivery: DeliveryOrder;
  state: Deliveries;
  text: Messages;
}) {
  const rider = delivery.rider;
  const position = rider?.lat != null && rider.lng != null ? { lat: rider.lat, lng: rider.lng } : null;
  return (
    <section class="dispatch-tracking" aria-labelledby="tracking-title">
      <h2 id="tracking-title">
        {order.id} <StatusBadge status={delivery.status} />
      </h2>
      <RiderMap
        shop={SHOP}
        receiver={order}
        rider={position}
        label={text.map(delivery.statusText)}
        shopLabel={text.shop}
        receiverLabel={order.customer}
        riderLabel={rider?.name ?? text.rider}
      />
      <p>
        {text.rider}: {rider ? `${rider.name} ${rider.phone}` : text.noRider}
      </p>
      {delivery.status === 5 && delivery.deductFee !== null && (
        <p role="status">{text.cancelled(text.yuan(delivery.deductFee))}</p>
      )}
      {CANCELLABLE.has(delivery.status) && (
        <CancelPanel app={app} orderId={order.id} text={text} onCancel={state.cancel} />
      )}
    </section>
  );
}

export function DispatchApp({ app }: { app: App }) {
  const context = useConsoleContext(app);
  const text = messagesFor(context?.locale);
  const state = useDeliveries(app);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [tracked, setTracked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pending = STORE_ORDERS.filter((order) => selected.has(order.id) && !state.deliveries.has(order.id));
  const quoted = pending.filter((order) => state.quotes.has(order.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumn<StoreOrder>[] = [
    {
      id: 'select',
      header: '',
      width: '2em',
      cell: (order) => (
        <input
          type="checkbox"
          aria-label={text.select(order.id)}
          checked={selected.has(order.id)}
          disabled={state.deliveries.has(order.id)}
          onChange={(event) => toggle(order.id, event.currentTarget.checked)}
        />
      ),
    },
    { id: 'order', header: text.order, cell: (order) => order.id },
    { id: 'receiver', header: text.receiver, cell: (order) => `${order.customer} · ${order.address}` },
    { id: 'items', header: text.items, cell: (order) => order.items },
    {
      id: 'fee',
      header: text.fee,
      align: 'end',
      cell: (order) => <FeeCell order={order} state={state} text={text} />,
    },
    {
      id: 'status',
      header: text.status,
      cell: (order) => {
        const delivery = state.deliveries.get(order.id);
        return delivery ? (
          <StatusBadge status={delivery.status} />
        ) : (
          <StatusBadge tone="neutral">{text.notDispatched}</StatusBadge>
        );
      },
    },
    {
      id: 'track',
      header: '',
      cell: (order) =>
        state.deliveries.has(order.id) && (
          <Button
            size="small"
            variant="text"
            onClick={() => setTracked(order.id)}
            aria-pressed={tracked === order.id}
          >
            {text.track}
          </Button>
        ),
    },
  ];

  const trackedOrder = STORE_ORDERS.find((order) => order.id === tracked);
  const trackedDelivery = tracked ? state.deliveries.get(tracked) : undefined;
  return (
    <ThemeProvider theme={context?.theme} locale={context?.locale}>
      <div class="dispatch">
        <h1>{text.title}</h1>
        <div class="dispatch-actions">
          <Button busy={busy} disabled={pending.length === 0} onClick={() => run(() => state.quote(pending))}>
            {text.quote(pending.length)}
          </Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={quoted.length === 0}
            onClick={() =>
              run(async () => {
                await state.create(quoted.map((order) => order.id));
                setSelected(new Set());
              })
            }
          >
            {text.create(quoted.length)}
          </Button>
        </div>
        {state.failures.length > 0 && (
          <ul class="dispatch-failures" role="alert">
            {state.failures.map((failure) => (
              <li key={failure.orderId}>{text.failed(failure.orderId, failure.message)}</li>
            ))}
          </ul>
        )}
        <Table
          caption={text.caption}
          columns={columns}
          rows={STORE_ORDERS}
          rowKey={(order) => order.id}
          selected={selected}
          empty={<EmptyState title={text.noOrders} description={text.noOrdersHint} />}
        />
        {trackedOrder && trackedDelivery && (
          <Tracking app={app} order={trackedOrder} delivery={trackedDelivery} state={state} text={text} />
        )}
      </div>
    </ThemeProvider>
  );
}
