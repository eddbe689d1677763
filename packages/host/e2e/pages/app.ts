// The well-behaved e2e app: connects with the SDK and exposes it to the test.
import { connect } from '@jingmai/sdk';

const events: { event: string; payload: unknown }[] = [];
const state: Record<string, unknown> = { events };
Object.assign(window, { e2e: state });

state.setContentHeight = (px: number) => {
  const content = document.getElementById('content');
  if (content) content.style.height = `${px}px`;
};

connect()
  .then((app) => {
    state.app = app;
    app.on('context', (payload) => events.push({ event: 'context', payload }));
    app.on('route', (payload) => events.push({ event: 'route', payload }));
    app.on('disconnect', (payload) => events.push({ event: 'disconnect', payload: payload.code }));
    state.ready = true;
  })
  .catch((error: { code?: string }) => {
    state.connectError = error.code ?? String(error);
  });
