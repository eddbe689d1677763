// The hello app's view: greet the shop, follow the theme, and try each console API.
import type { App, Context } from '@jingmai/sdk';

function greeting(context: Context | null): string {
  if (!context) return 'Hello!';
  return context.locale.startsWith('zh') ? `你好，${context.shop.name}！` : `Hello, ${context.shop.name}!`;
}

/** Renders the app into `root` and keeps it current. */
export function renderHello(app: App, root: HTMLElement): void {
  const document = root.ownerDocument;
  const title = document.createElement('h1');
  const token = document.createElement('code');
  const buttons = document.createElement('p');
  const update = (context: Context | null) => {
    title.textContent = greeting(context);
    document.body.dataset.theme = context?.theme ?? 'light';
  };
  const actions: [string, () => Promise<unknown>][] = [
    ['Toast', () => app.ui.toast({ message: '来自 Hello 的问候', tone: 'success' })],
    [
      'Confirm',
      async () =>
        app.ui.toast(
          (await app.ui.confirm({ title: 'Hello', message: 'Continue?' })) ? 'Confirmed' : 'Declined',
        ),
    ],
    [
      'Session token',
      async () => {
        token.textContent = await app.auth.sessionToken();
      },
    ],
  ];
  for (const [label, run] of actions) {
    const button = document.createElement('button');
    button.textContent = label;
    button.addEventListener('click', () => {
      run().catch((error: Error) => {
        token.textContent = `${error.name}: ${error.message}`;
      });
    });
    buttons.append(button);
  }
  root.replaceChildren(title, buttons, token);
  update(app.context);
  app.on('context', update);
}
