// App rebuilds announced by the sandbox server over Vite's HMR socket.
import { APP_BUILT_EVENT, type AppBuilt } from '../shared/dev-events';

const listeners = new Set<(built: AppBuilt) => void>();

import.meta.hot?.on(APP_BUILT_EVENT, (built: AppBuilt) => {
  for (const listener of listeners) listener(built);
});

/** Calls `listener` after each build of any app; returns the function that stops it. */
export function onAppBuilt(listener: (built: AppBuilt) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
