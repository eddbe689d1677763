// The app's view: greets the shop, follows the console theme, and says hello with a toast.
import type { Context, App as JingmaiApp } from '@jingmai/sdk';
import { useEffect, useState } from 'preact/hooks';

function greeting(context: Context | null): string {
  if (!context) return 'Hello!';
  return context.locale.startsWith('zh') ? `你好，${context.shop.name}！` : `Hello, ${context.shop.name}!`;
}

export function App({ app }: { app: JingmaiApp }) {
  const [context, setContext] = useState(app.context);
  const [error, setError] = useState<string | null>(null);
  // app.on returns its unsubscribe function, which is what the effect's cleanup needs.
  useEffect(() => app.on('context', setContext), [app]);
  useEffect(() => {
    document.body.dataset.theme = context?.theme ?? 'light';
  }, [context]);
  const sayHello = () => {
    app.ui
      .toast({ message: greeting(context), tone: 'success' })
      .catch((cause: Error) => setError(cause.message));
  };
  return (
    <>
      <h1>{greeting(context)}</h1>
      <button type="button" onClick={sayHello}>
        Say hello
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}
