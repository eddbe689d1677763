// The bench console page (on its own origin): mounts app frames for each transport and serves
// their calls. The runner drives it through `window.bench`.
import { type BenchConsole, CONNECTED, type Handshake, type Transport } from './contract.js';
import { appFrame, connected } from './frame.js';
import { attachComlink } from './host-comlink.js';
import { attachOurs, productHost } from './host-ours.js';
import { attachRaw } from './host-raw.js';
import { profile } from './profile.js';

const appOrigin = new URLSearchParams(location.search).get('apps') ?? '';
const pageOf = (transport: Transport) => `${appOrigin}/${transport}.html`;
const attach = { raw: attachRaw, ours: attachOurs, comlink: attachComlink };
let open: { frame: HTMLIFrameElement; teardown: () => void } | undefined;

// Ours connects through createHost + host.mount, exactly as a console embeds an app.
async function handshakeThroughHost(): Promise<Handshake> {
  const { host, options } = productHost(pageOf('ours'));
  const start = performance.now();
  const handle = host.mount(document.body, options);
  const insert = performance.now() - start;
  await connected(handle.frame, CONNECTED);
  const total = performance.now() - start;
  host.destroy();
  return { total, insert };
}

const bench: BenchConsole = {
  async handshake(transport) {
    if (transport === 'ours') return handshakeThroughHost();
    const start = performance.now();
    const frame = appFrame(pageOf(transport), false);
    document.body.append(frame);
    const teardown = attach[transport](frame);
    const insert = performance.now() - start;
    await connected(frame, CONNECTED);
    const total = performance.now() - start;
    teardown();
    frame.remove();
    return { total, insert };
  },
  async open(transport) {
    const frame = appFrame(pageOf(transport), true);
    document.body.append(frame);
    open = { frame, teardown: attach[transport](frame) };
    await connected(frame, CONNECTED);
  },
  close() {
    open?.teardown();
    open?.frame.remove();
    open = undefined;
  },
  profile,
};

Object.assign(window, { bench });
