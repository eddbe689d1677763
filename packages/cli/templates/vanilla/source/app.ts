// The app's view: greets the shop, follows the console theme, and says hello with a toast.
import type { App, Context } from '@jingmai/sdk';

function greeting(context: Context | null): string {
  if (!context) return 'Hello!';
  return context.locale.startsWith('zh') ? `你好，${context.shop.name}！` : `Hello, ${context.shop.name}!`;
}

/** Renders the app into `root` and keeps it current. */
export function renderApp(app: App, root: HTMLElement): void {
  const document = root.ownerDocument;
  const title = document.createElement('h1');
  const button = document.createElement('button');
  button.textContent = 'Say hello';
  button.addEventListener('click', () => {
    app.ui.toast({ message: greeting(app.context), tone: 'success' }).catch((error: Error) => {
      button.textContent = error.message;
    });
  });
  const update = (context: Context | null) => {
    title.textContent = greeting(context);
    document.body.dataset.theme = context?.theme ?? 'light';
  };
  root.replaceChildren(title, button);
  update(app.context);
  app.on('context', update);
}
