// @vitest-environment happy-dom
import { createMockHost } from '@jingmai/sdk/testing';
import { describe, expect, it, vi } from 'vitest';
import { renderDemo } from './demo.js';

function button(root: HTMLElement, label: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((candidate) => candidate.textContent === label);
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

describe('sandbox demo page', () => {
  it('shows a sent delivery and follows its status events', async () => {
    const host = createMockHost();
    const app = await host.connect();
    const root = document.createElement('main');
    renderDemo(app, root);
    button(root, 'Send delivery').click();
    const status = () => root.querySelector<HTMLElement>('#delivery-status');
    await vi.waitFor(() => expect(status()?.dataset.status).toBe('1'));
    const [order] = [...host.deliveries.values()];
    host.setDeliveryStatus(order?.orderId ?? '', 4);
    await vi.waitFor(() => expect(status()?.dataset.status).toBe('4'));
    host.close();
  });

  it('shows the typed error when a scope is not granted', async () => {
    const host = createMockHost({ scopes: ['ui', 'context:read', 'storage:read'] });
    const app = await host.connect();
    const root = document.createElement('main');
    renderDemo(app, root);
    button(root, 'Save note').click();
    await vi.waitFor(() =>
      expect(root.querySelector('#result')?.textContent).toMatch(/^PERMISSION_DENIED: /),
    );
    host.close();
  });
});
