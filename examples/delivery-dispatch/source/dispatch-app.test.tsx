// @vitest-environment happy-dom
import { createMockHost } from '@jingmai/sdk/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DispatchApp } from './dispatch-app.js';
import { deliveryRequest, STORE_ORDERS } from './store-orders.js';

let host = createMockHost();
afterEach(() => host.close());

async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
}

async function start(options: Parameters<typeof createMockHost>[0] = {}) {
  host = createMockHost(options);
  const app = await host.connect();
  const root = document.createElement('main');
  document.body.append(root);
  act(() => render(<DispatchApp app={app} />, root));
  await settle();
  const button = (label: RegExp) =>
    [...root.querySelectorAll('button')].find((element) =>
      label.test(element.textContent ?? ''),
    ) as HTMLButtonElement;
  const row = (id: string) =>
    [...root.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes(id)) as HTMLTableRowElement;
  const check = (id: string) => {
    const box = root.querySelector(`input[aria-label="选择订单 ${id}"]`) as HTMLInputElement;
    box.click();
  };
  return { root, button, row, check };
}

const [first, second] = STORE_ORDERS as [(typeof STORE_ORDERS)[number], (typeof STORE_ORDERS)[number]];
const rider = { name: '张师傅', phone: '13900000000', lat: 31.2268, lng: 121.4497 };

describe('delivery dispatch', () => {
  it('quotes the selected orders, creates them, follows status and the rider, and cancels with a fee', async () => {
    const { root, button, row, check } = await start();
    expect(root.querySelector('h1')?.textContent).toBe('秒送派单');
    expect(button(/^询价/).disabled).toBe(true);

    check(first.id);
    check(second.id);
    await settle();
    expect(row(first.id).getAttribute('aria-selected')).toBe('true');
    button(/^询价/).click();
    await settle();
    // The mock prices 5 元 plus 1 元 per kg over 5: 1.6 kg → 5, 7.2 kg → 8.
    expect(row(first.id).textContent).toContain('¥5.00');
    expect(row(second.id).textContent).toContain('¥8.00');
    expect(button(/^发单/).textContent).toBe('发单（2）');

    button(/^发单/).click();
    await settle();
    expect([...host.deliveries.keys()].sort()).toEqual([first.id, second.id]);
    expect(host.calls.filter((call) => call.method === 'delivery.create').map((call) => call.params)).toEqual(
      [{ quoteId: 'mock-quote-1' }, { quoteId: 'mock-quote-2' }],
    );
    expect(row(first.id).querySelector('.jm-badge')?.textContent).toBe('待接单');

    button(/^跟踪/).click();
    await settle();
    const tracking = root.querySelector('.dispatch-tracking') as HTMLElement;
    expect(tracking.textContent).toContain('等待骑士接单');
    expect(tracking.querySelector('[data-testid="rider"]')).toBeNull();

    act(() => host.setDeliveryStatus(first.id, 2, rider));
    await settle();
    expect(row(first.id).querySelector('.jm-badge')?.textContent).toBe('待取货');
    expect(tracking.textContent).toContain('张师傅 13900000000');
    const dot = tracking.querySelector('[data-testid="rider"] circle') as SVGCircleElement;
    const [shop, receiver] = tracking.querySelectorAll('circle');
    // The rider is between the shop and the receiver on the map.
    const x = Number(dot.getAttribute('cx'));
    expect(x).toBeGreaterThan(Number(shop?.getAttribute('cx')));
    expect(x).toBeLessThan(Number(receiver?.getAttribute('cx')));
    expect(tracking.querySelector('svg')?.getAttribute('aria-label')).toBe(
      '配送地图：门店到收货地址，待取货',
    );

    act(() => host.setDeliveryStatus(first.id, 100, { ...rider, lat: 31.2295, lng: 121.4478 }));
    await settle();
    expect(Number(tracking.querySelector('[data-testid="rider"] circle')?.getAttribute('cx'))).toBe(
      Number(shop?.getAttribute('cx')),
    );

    const reason = tracking.querySelector('select') as HTMLSelectElement;
    await vi.waitFor(() => expect(reason.options).toHaveLength(4));
    expect([...reason.options].map((option) => option.textContent)).toEqual([
      '没有配送员接单',
      '顾客取消订单',
      '我不需要配送了',
      '其他',
    ]);
    reason.value = '36';
    reason.dispatchEvent(new Event('change'));
    await settle();
    button(/^取消配送/).click();
    await settle();
    expect(host.calls.find((call) => call.method === 'ui.confirm')?.params).toMatchObject({ tone: 'danger' });
    expect(host.deliveries.get(first.id)).toMatchObject({
      status: 5,
      deductFee: 2,
      cancelReason: '我不需要配送了',
    });
    expect(row(first.id).querySelector('.jm-badge')?.textContent).toBe('已取消');
    expect(tracking.querySelector('[role="status"]')?.textContent).toBe('已取消，扣除违约金 ¥2.00');
    expect(tracking.querySelector('select')).toBeNull();
  });

  it('asks for the merchant’s words with the "other" reason, and cancels free before a rider accepts', async () => {
    const { root, button, check } = await start();
    check(first.id);
    await settle();
    button(/^询价/).click();
    await settle();
    button(/^发单/).click();
    await settle();
    button(/^跟踪/).click();
    await settle();
    const reason = root.querySelector('.dispatch-tracking select') as HTMLSelectElement;
    await vi.waitFor(() => expect(reason.options).toHaveLength(4));
    reason.value = '10000';
    reason.dispatchEvent(new Event('change'));
    await settle();
    expect(button(/^取消配送/).disabled).toBe(true);
    const details = root.querySelector('.dispatch-tracking input') as HTMLInputElement;
    details.value = '顾客改为自提';
    details.dispatchEvent(new Event('input'));
    await settle();
    button(/^取消配送/).click();
    await settle();
    expect(host.deliveries.get(first.id)).toMatchObject({
      status: 5,
      deductFee: 0,
      cancelReason: '顾客改为自提',
    });
    expect(root.querySelector('.dispatch-tracking [role="status"]')?.textContent).toBe(
      '已取消，扣除违约金 ¥0.00',
    );
  });

  it('keeps the delivery when the merchant declines the confirmation', async () => {
    const { root, button, check } = await start({ handlers: { 'ui.confirm': () => false } });
    check(first.id);
    await settle();
    button(/^询价/).click();
    await settle();
    button(/^发单/).click();
    await settle();
    button(/^跟踪/).click();
    await settle();
    button(/^取消配送/).click();
    await settle();
    expect(host.deliveries.get(first.id)?.status).toBe(1);
    expect(root.querySelector('.dispatch-tracking select')).not.toBeNull();
  });

  it('restores deliveries created earlier, in English and dark', async () => {
    host = createMockHost();
    const earlier = await host.connect();
    await earlier.delivery.create(deliveryRequest(second));
    host.setDeliveryStatus(second.id, 3, rider);
    const app = await host.connect();
    host.setContext({ locale: 'en-US', theme: 'dark' });
    const root = document.createElement('main');
    act(() => render(<DispatchApp app={app} />, root));
    await settle();
    expect(root.querySelector('h1')?.textContent).toBe('Delivery dispatch');
    expect(root.querySelector('.jm-theme')?.getAttribute('data-theme')).toBe('dark');
    const row = [...root.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.includes(second.id));
    expect(row?.querySelector('.jm-badge')?.textContent).toBe('Delivering');
    expect((row?.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.disabled).toBe(true);
    expect(row?.textContent).toContain('¥8.00');
  });

  it('reports a failed quote per order and leaves the others priced', async () => {
    const { root, button, row, check } = await start({
      handlers: {
        'delivery.quote': (request) => {
          if (request.orderId === second.id) throw new Error('收货地址超出配送范围');
          return {
            quoteId: 'q-1',
            orderId: request.orderId,
            fee: 6,
            deliverFee: 6,
            distance: 800,
            expiresAt: 2e9,
          };
        },
      },
    });
    check(first.id);
    check(second.id);
    await settle();
    button(/^询价/).click();
    await settle();
    expect(row(first.id).textContent).toContain('¥6.00');
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(`订单 ${second.id}：`);
    expect(button(/^发单/).textContent).toBe('发单（1）');
  });
});
