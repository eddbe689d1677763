// Every bridge method, fed hostile arguments through a real session: each must be refused with the
// right code and never reach its service. The table is keyed by method name, so a method added to
// the protocol does not compile here until it has hostile cases of its own.
import { BRIDGE_METHODS, FRAME, METHOD_NAMES, type MethodName, SCOPE_NAMES } from '@jingmai/protocol';
import { describe, expect, it } from 'vitest';
import { BridgeSession, type ServiceFunction } from './session.js';

const hostileArguments: Record<MethodName, unknown[]> = {
  'context.get': [{ shop: 'other-shop' }, { userId: 'admin' }],
  'ui.toast': [
    { message: '' },
    { message: 42 },
    { message: 'x', tone: 'critical' },
    { message: 'x', durationMs: 1e12 },
    { message: 'x', durationMs: Number.NaN },
    { message: ['a'] },
  ],
  'ui.confirm': [
    { title: 'x' },
    { message: 'x' },
    { title: '', message: 'x' },
    { title: 'x', message: 'x', tone: 'javascript:alert(1)' },
    { title: 'x'.repeat(101), message: 'x' },
  ],
  'ui.modal': [
    { title: 't', body: 'b', actions: [] },
    {
      title: 't',
      body: 'b',
      actions: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
        { id: 'd', label: 'D' },
      ],
    },
    { title: 't', body: 'b', actions: [{ id: '<img src=x onerror=alert(1)>', label: 'A' }] },
    { title: 't', body: 'b', actions: [{ id: 'a', label: 'A', onClick: 'alert(1)' }] },
    { title: 't', body: 'b', actions: 'a' },
  ],
  'ui.navigate': [
    { path: 'javascript:alert(1)' },
    { path: '//evil.example.com/phish' },
    { path: 'https://evil.example.com' },
    { path: '/\\evil.example.com' },
    { path: 'relative/path' },
    { path: `/${'a'.repeat(600)}` },
    { path: '/ok', replace: 'yes' },
  ],
  'ui.setTitle': [{ title: 7 }, { title: 'x'.repeat(101) }, {}],
  'ui.setLoading': [{ loading: 'true' }, { loading: 1 }, {}],
  'ui.resize': [
    { height: -1 },
    { height: 1.5 },
    { height: 1e9 },
    { height: '100px' },
    { height: Number.POSITIVE_INFINITY },
  ],
  'auth.sessionToken': [{ appId: 'com.example.other' }, { ttlSeconds: 86_400 }, { sub: 'admin' }],
  'storage.put': [
    { key: '../../other-app/secret', body: new Blob(['x']) },
    { key: '/etc/passwd', body: new Blob(['x']) },
    { key: 'a/./b', body: new Blob(['x']) },
    { key: 'nul\u0000byte', body: new Blob(['x']) },
    { key: 'a\\b', body: new Blob(['x']) },
    { key: 'ok', body: 'a string is not a Blob' },
    { key: 'ok', body: new Blob(['x']), metadata: { 'Bad Name': 'x' } },
    { key: 'ok', body: new Blob(['x']), contentType: 'text/html\r\nx-injected: 1' },
    { key: 'ok', body: new Blob(['x']), progressId: '<script>' },
  ],
  'storage.get': [{ key: '..' }, { key: '' }, { key: 42 }],
  'storage.head': [{ key: 'x//y' }, { key: 'x'.repeat(513) }],
  'storage.list': [{ prefix: '../' }, { limit: 0 }, { limit: 5000 }, { cursor: 7 }],
  'storage.delete': [{ key: '../x' }, { key: ['a'] }],
  'storage.getUrl': [
    { key: 'a', expiresIn: 7 * 86_400 },
    { key: 'a', download: 'evil"; filename=x.exe' },
    { key: 'a', download: '../x' },
  ],
  'delivery.quote': [
    {
      orderId: '../x',
      cityCode: '021',
      cargo: { price: 1, weight: 1 },
      receiver: { name: 'a', phone: '13800000000', address: 'x', lat: 1, lng: 1 },
    },
    {
      orderId: 'A',
      cityCode: '021',
      cargo: { price: -5, weight: 1 },
      receiver: { name: 'a', phone: '13800000000', address: 'x', lat: 1, lng: 1 },
    },
    {
      orderId: 'A',
      cityCode: '021',
      cargo: { price: 1, weight: 1 },
      receiver: { name: 'a', phone: 'call me', address: 'x', lat: 1, lng: 1 },
    },
    {
      orderId: 'A',
      cityCode: '021',
      cargo: { price: 1, weight: 1 },
      receiver: { name: 'a', phone: '13800000000', address: 'x', lat: 91, lng: 1 },
    },
    {
      orderId: 'A',
      cityCode: 'sh',
      cargo: { price: 1, weight: 1 },
      receiver: { name: 'a', phone: '13800000000', address: 'x', lat: 1, lng: 1 },
    },
  ],
  'delivery.create': [{ quoteId: '' }, { quoteId: 'q', order: {} }, { order: { orderId: 'A' } }],
  'delivery.get': [{ orderId: '' }, { orderId: 'a/b' }],
  'delivery.list': [{ limit: 1000 }, { status: 'delivered' }],
  'delivery.cancel': [
    { orderId: 'A', reasonId: -1 },
    { orderId: 'A' },
    { orderId: 'A', reasonId: 1, reason: 'x'.repeat(201) },
  ],
  'delivery.addTip': [
    { orderId: 'A', amount: 0 },
    { orderId: 'A', amount: 1e9 },
    { orderId: 'A', amount: '5' },
  ],
  'delivery.cancelReasons': [{ city: '021' }],
};

// A valid call of each method, so the refusals above are shown to come from the arguments.
const validArguments: Record<MethodName, unknown> = {
  'context.get': {},
  'ui.toast': { message: '已保存' },
  'ui.confirm': { title: '删除?', message: 'x' },
  'ui.modal': { title: 't', body: 'b', actions: [{ id: 'ok', label: 'OK' }] },
  'ui.navigate': { path: '/orders/1' },
  'ui.setTitle': { title: '订单' },
  'ui.setLoading': { loading: true },
  'ui.resize': { height: 300 },
  'auth.sessionToken': {},
  'storage.put': {
    key: 'photos/a.png',
    body: new Blob(['x']),
    contentType: 'image/png',
    metadata: { sku: '1' },
  },
  'storage.get': { key: 'photos/a.png' },
  'storage.head': { key: 'photos/a.png' },
  'storage.list': { prefix: 'photos/', limit: 10 },
  'storage.delete': { key: 'photos/a.png' },
  'storage.getUrl': { key: 'photos/a.png', expiresIn: 60, download: 'a.png' },
  'delivery.quote': {
    orderId: 'SO-1',
    cityCode: '021',
    cargo: { price: 30, weight: 1 },
    receiver: { name: '王五', phone: '13900000000', address: '南京西路1266号', lat: 31.2, lng: 121.4 },
  },
  'delivery.create': { quoteId: 'q-1' },
  'delivery.get': { orderId: 'SO-1' },
  'delivery.list': { status: 1, limit: 10 },
  'delivery.cancel': { orderId: 'SO-1', reasonId: 4 },
  'delivery.addTip': { orderId: 'SO-1', amount: 2 },
  'delivery.cancelReasons': {},
};

// Hostile shapes any method must refuse, whatever its schema.
const universal: [string, (method: MethodName) => unknown, string][] = [
  ['null', () => null, 'INVALID_ARGUMENT'],
  ['a string', () => 'params', 'INVALID_ARGUMENT'],
  ['an array', () => [], 'INVALID_ARGUMENT'],
  ['a __proto__ key', () => JSON.parse('{"__proto__":{"polluted":true}}'), 'INVALID_ARGUMENT'],
  ['a constructor key', () => ({ constructor: { prototype: { polluted: true } } }), 'INVALID_ARGUMENT'],
  ['one byte over the limit', (method) => overLimit(BRIDGE_METHODS[method].maxBytes), 'PAYLOAD_TOO_LARGE'],
  ['a cyclic object', () => cyclic(), 'PAYLOAD_TOO_LARGE'],
];

// A Blob that reports a size without holding it, for limits too large to allocate in a test.
class SizedBlob extends Blob {
  constructor(private readonly claimed: number) {
    super([]);
  }
  override get size() {
    return this.claimed;
  }
}

function overLimit(maxBytes: number) {
  return maxBytes > 16 * 1024 * 1024
    ? { key: 'big.bin', body: new SizedBlob(maxBytes + 1) }
    : { padding: 'x'.repeat(maxBytes / 2) };
}

function cyclic() {
  const value: Record<string, unknown> = {};
  value.self = value;
  return value;
}

function session() {
  const sent: unknown[][] = [];
  const reached: string[] = [];
  const services = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, (() => reached.push(method)) as ServiceFunction]),
  );
  const port = { postMessage: (frame: unknown[]) => sent.push(frame), close() {} } as unknown as MessagePort;
  const bridge = new BridgeSession(port, {
    methods: BRIDGE_METHODS,
    events: {},
    services,
    scopes: SCOPE_NAMES,
    // Enough tokens that the rate limit never hides an argument check.
    rateClasses: {
      interactive: { perSecond: 1e6, burst: 1e6 },
      read: { perSecond: 1e6, burst: 1e6 },
      write: { perSecond: 1e6, burst: 1e6 },
      auth: { perSecond: 1e6, burst: 1e6 },
      transfer: { perSecond: 1e6, burst: 1e6 },
    },
  });
  let id = 0;
  return {
    reached,
    call(method: string, params: unknown): string {
      id += 1;
      bridge.receive([FRAME.CALL, id, method, params]);
      const reply = sent.at(-1) as unknown[];
      return reply[0] === FRAME.ERROR ? (reply[2] as { code: string }).code : 'OK';
    },
  };
}

describe.each(METHOD_NAMES)('%s under hostile arguments', (method) => {
  it('accepts a valid call', () => {
    const bridge = session();
    expect(bridge.call(method, validArguments[method])).toBe('OK');
    expect(bridge.reached).toEqual([method]);
  });

  it.each(hostileArguments[method].map((args) => [JSON.stringify(args).slice(0, 80), args]))(
    'refuses %s',
    (_label, args) => {
      const bridge = session();
      expect(bridge.call(method, args)).toBe('INVALID_ARGUMENT');
      expect(bridge.reached).toEqual([]);
    },
  );

  it.each(universal)('refuses %s', (_label, make, code) => {
    const bridge = session();
    expect(bridge.call(method, make(method))).toBe(code);
    expect(bridge.reached).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
