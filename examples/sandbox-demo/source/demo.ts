// The demo's page: storage (upload a picked file or a note, list, open) and delivery (quote,
// create, follow status), each result or typed error shown where a test can read it.
import { type App, type Context, type DeliveryOrder, isJingmaiError } from '@jingmai/sdk';
import { saveNote, sendDelivery, uploadFile } from './demo-actions.js';

function describe(error: unknown): string {
  if (isJingmaiError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Renders the demo into `root` and keeps it current. */
export function renderDemo(app: App, root: HTMLElement): void {
  const document = root.ownerDocument;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '') => {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  };
  const title = make('h1');
  const result = make('output');
  result.id = 'result';
  const files = make('ul');
  const delivery = make('output');
  delivery.id = 'delivery-status';
  const picker = make('input');
  picker.type = 'file';
  picker.setAttribute('aria-label', 'File to upload');

  const show = (text: string) => {
    result.textContent = text;
  };
  const run = (work: () => Promise<unknown>) => () => {
    work().catch((error: unknown) => show(describe(error)));
  };
  const list = async () => {
    const { items } = await app.storage.list({ limit: 100 });
    files.replaceChildren(...items.map((item) => make('li', `${item.key} (${item.size} B)`)));
    return items;
  };
  const follow = (order: DeliveryOrder) => {
    delivery.textContent = `${order.orderId}: ${order.statusText} (${order.status})`;
    delivery.dataset.status = String(order.status);
  };

  picker.addEventListener(
    'change',
    run(async () => {
      const file = picker.files?.[0];
      if (!file) return;
      const info = await uploadFile(app, file);
      show(`stored ${info.key} (${info.size} B)`);
      await list();
    }),
  );
  const actions: [string, () => Promise<unknown>][] = [
    [
      'Save note',
      async () => {
        const info = await saveNote(app, Date.now());
        show(`stored ${info.key} (${info.size} B)`);
        await list();
      },
    ],
    ['List files', list],
    [
      'Open first file',
      async () => {
        const [first] = await list();
        if (first) show(await app.storage.getUrl(first.key, { expiresIn: 60 }));
      },
    ],
    [
      'Send delivery',
      async () => {
        const order = await sendDelivery(app, Date.now());
        show(`sent ${order.orderId}`);
        follow(order);
      },
    ],
    [
      'Throw an error',
      async () => {
        setTimeout(() => {
          throw new Error('Demo failure from a timer');
        });
      },
    ],
  ];
  const buttons = make('p');
  for (const [label, work] of actions) {
    const button = make('button', label);
    button.type = 'button';
    button.addEventListener('click', run(work));
    buttons.append(button);
  }
  const update = (context: Context | null) => {
    title.textContent = context ? `${context.shop.name} · Sandbox demo` : 'Sandbox demo';
    document.body.dataset.theme = context?.theme ?? 'light';
  };
  root.replaceChildren(
    title,
    picker,
    buttons,
    result,
    make('h2', 'Files'),
    files,
    make('h2', 'Delivery'),
    delivery,
  );
  update(app.context);
  app.on('context', update);
  app.delivery.on('status', follow);
}
