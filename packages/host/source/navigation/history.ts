// Route sync between apps and the console's history. Each app's route lives in the console URL
// as a query parameter named after the app, so several apps on one page keep their own routes,
// and back/forward or a deep link reaches the right app.

/** How the host records app routes. Replace it to use the console's own router. */
export interface HostNavigation {
  /** The app's current route ("/" when none). */
  current(appId: string): string;
  /** Records a new route for the app. */
  push(appId: string, path: string, replace: boolean): void;
  /** Calls `listener` when routes may have changed outside the app (back, forward). */
  listen(listener: () => void): () => void;
}

const PREFIX = 'app:';

/** The default {@link HostNavigation}, on `window.history`. */
export function createHistoryNavigation(window: Window): HostNavigation {
  return {
    current(appId) {
      return new URL(window.location.href).searchParams.get(PREFIX + appId) ?? '/';
    },
    push(appId, path, replace) {
      const url = new URL(window.location.href);
      url.searchParams.set(PREFIX + appId, path);
      const state = { jingmai: { appId, path } };
      if (replace) window.history.replaceState(state, '', url);
      else window.history.pushState(state, '', url);
    },
    listen(listener) {
      window.addEventListener('popstate', listener);
      return () => window.removeEventListener('popstate', listener);
    },
  };
}
