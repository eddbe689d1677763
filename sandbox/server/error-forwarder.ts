// The dev-only script the sandbox puts first in each app page: it posts the page's uncaught
// errors, unhandled rejections and console.error calls to the console, which shows them with
// their source location. Plain ES2017 text, so it runs before (and apart from) the app's bundle.
import { DEV_ERROR_MESSAGE } from '../shared/dev-events.js';

export const ERROR_FORWARDER_SCRIPT = `(() => {
  const type = ${JSON.stringify(DEV_ERROR_MESSAGE)};
  const text = (value) => {
    if (value instanceof Error) return value.name + ': ' + value.message;
    try { return typeof value === 'string' ? value : JSON.stringify(value); } catch { return String(value); }
  };
  const post = (report) => {
    try { parent.postMessage(Object.assign({ type, at: Date.now() }, report), '*'); } catch {}
  };
  addEventListener('error', (event) => {
    post({ kind: 'error', message: event.message || text(event.error), filename: event.filename || '',
      line: event.lineno || 0, column: event.colno || 0, stack: (event.error && event.error.stack) || '' });
  });
  addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    post({ kind: 'unhandledrejection', message: text(reason), filename: '', line: 0, column: 0,
      stack: (reason && typeof reason.stack === 'string' && reason.stack) || '' });
  });
  const original = console.error;
  console.error = function (...args) {
    post({ kind: 'console', message: args.map(text).join(' '), filename: '', line: 0, column: 0,
      stack: new Error().stack.split('\\n').slice(2).join('\\n') });
    return original.apply(this, args);
  };
})();
`;
