// Our bridge's console end, two ways. For handshakes: createHost + host.mount, the whole product
// path. For calls: the product's HandshakeListener and BridgeSession with a bench method table
// (createHost only serves the contract's methods), validation on, rate limits out of the way.
import { createHost, type PlatformClient } from '@jingmai/host';
import { BridgeSession, type MethodSpec, type SessionOptions, Transfer } from '@jingmai/host/session';
import {
  BRIDGE_METHODS,
  JingmaiError,
  negotiateVersion,
  RATE_CLASSES,
  type RateClass,
  type RateClassName,
  SUPPORTED_PROTOCOL_VERSIONS,
  WELCOME,
  type Welcome,
} from '@jingmai/protocol';
import { z } from 'zod';
import { HandshakeListener } from '../../packages/host/source/bridge/handshake.js';
import type { Payload } from './contract.js';

const HEARTBEAT_MS = 2000;

/** The schema of the echo's arguments: a strict object, as every contract method has. */
export const ECHO_PARAMS = z.strictObject({ data: z.unknown() });

const ECHO: MethodSpec = {
  scope: 'ui',
  maxBytes: 4 * 1024 * 1024,
  rate: 'read',
  timeoutMs: 10_000,
  params: ECHO_PARAMS,
};

// Every rate class wide open: the bench measures the checks, not the refusals.
const UNLIMITED = Object.fromEntries(
  Object.keys(RATE_CLASSES).map((name) => [name, { perSecond: 1e9, burst: 1e9 }]),
) as Record<RateClassName, RateClass>;

/** The session options of the bench: what AppHandle passes, with the bench's methods. */
export function sessionOptions(): SessionOptions {
  return {
    methods: {
      'ui.setLoading': BRIDGE_METHODS['ui.setLoading'],
      'bench.echo': ECHO,
      'bench.echoTransfer': ECHO,
    },
    events: {},
    services: {
      'ui.setLoading': () => undefined,
      'bench.echo': (payload: Payload) => payload,
      'bench.echoTransfer': (payload: Payload) => new Transfer(payload, [payload.data as ArrayBuffer]),
    },
    scopes: ['ui'],
    rateClasses: UNLIMITED,
    heartbeatMs: HEARTBEAT_MS,
    // Like AppHandle without an inspector listening: no call records.
    onResponsiveChange: () => {},
  };
}

/** Serves the app in `frame` (already in the document) with a bench session; returns the teardown. */
export function attachOurs(frame: HTMLIFrameElement): () => void {
  const source = frame.contentWindow;
  if (!source) throw new Error('the frame is not in the document');
  const handshakes = new HandshakeListener(window);
  let session: BridgeSession | undefined;
  handshakes.register(source, (hello, from) => {
    const version = negotiateVersion(SUPPORTED_PROTOCOL_VERSIONS, hello.versions);
    if (version === null) return;
    const channel = new MessageChannel();
    session?.close();
    session = new BridgeSession(channel.port1, sessionOptions());
    const welcome: Welcome = {
      type: WELCOME,
      version,
      appId: 'com.example.bench',
      scopes: ['ui'],
      context: null,
      heartbeatMs: HEARTBEAT_MS,
    };
    from.postMessage(welcome, '*', [channel.port2]);
  });
  return () => {
    session?.close();
    handshakes.dispose();
  };
}

const unavailable = () => Promise.reject(new JingmaiError('UNAVAILABLE', 'The bench has no platform.'));
const platform: PlatformClient = {
  sessionToken: unavailable,
  storage: unavailable,
  delivery: unavailable,
  subscribe: () => {},
};

/** A host as a console creates it, and the mount options of the bench app at `src`. */
export function productHost(src: string) {
  const host = createHost({
    context: {
      shop: { id: 'shop-1', name: 'Bench shop' },
      user: { id: 'user-1', role: 'owner' },
      locale: 'zh-CN',
      theme: 'light',
    },
    platform,
  });
  const manifest = {
    id: 'com.example.bench',
    name: 'bench',
    version: '1.0.0',
    entry: src,
    scopes: [{ scope: 'ui', purpose: 'Measures the bridge.' }],
    ui: { height: { default: 200, min: 100, max: 600 } },
    protocol: { versions: [1] },
  };
  return { host, options: { manifest, grants: ['ui' as const] } };
}
