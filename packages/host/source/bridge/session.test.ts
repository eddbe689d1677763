import { BRIDGE_METHODS, EVENTS, FRAME, MAX_BATCH_FRAMES, SCOPE_NAMES, type Scope } from '@jingmai/protocol';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeSession, type ServiceFunction, type SessionOptions, Transfer } from './session.js';

type Frame = unknown[];

// Drives a session directly: frames go in through receive(), replies are read off a fake port, batches
// unwrapped (`messages` keeps what was posted, as posted).
function harness(options: Partial<SessionOptions> = {}) {
  const sent: Frame[] = [];
  const messages: Frame[] = [];
  const port = {
    postMessage: (message: Frame) => {
      messages.push(message);
      if (message[0] === FRAME.BATCH) sent.push(...(message[1] as Frame[]));
      else sent.push(message);
    },
    close: vi.fn(),
    onmessage: null,
    onmessageerror: null,
  } as unknown as MessagePort;
  const calls: { method: string; args: unknown }[] = [];
  const record =
    (method: string, result: unknown = undefined): ServiceFunction =>
    (args: never) => {
      calls.push({ method, args });
      return result;
    };
  const services: Record<string, ServiceFunction> = {
    'context.get': record('context.get', { shop: { id: 's', name: 'S' } }),
    'ui.toast': record('ui.toast'),
    'ui.confirm': record('ui.confirm', true),
    'ui.modal': record('ui.modal', { action: null }),
    'ui.navigate': record('ui.navigate'),
    'ui.setTitle': record('ui.setTitle'),
    'ui.setLoading': record('ui.setLoading'),
    'ui.resize': record('ui.resize'),
    'auth.sessionToken': record('auth.sessionToken', { token: 't', expiresAt: 1 }),
  };
  const session = new BridgeSession(port, {
    methods: BRIDGE_METHODS,
    events: EVENTS,
    services,
    scopes: SCOPE_NAMES,
    ...options,
  });
  const last = () => sent[sent.length - 1];
  return { session, sent, messages, calls, port, last };
}

// Makes the session's port refuse, as structured clone does, any message holding a function.
function refuseFunctions(session: BridgeSession): void {
  const port = (session as unknown as { port: { postMessage: (message: Frame, transfer?: unknown) => void } })
    .port;
  const deliver = port.postMessage;
  port.postMessage = (message, transfer) => {
    if (JSON.stringify(message, (_, v) => (typeof v === 'function' ? 'fn' : v)).includes('"fn"'))
      throw new DOMException('could not be cloned', 'DataCloneError');
    deliver(message, transfer);
  };
}

const errorCode = (frame: Frame | undefined) =>
  frame?.[0] === FRAME.ERROR ? (frame[2] as { code: string }).code : null;

afterEach(() => {
  vi.useRealTimers();
});

describe('BridgeSession', () => {
  it('runs a valid call and answers with its result', () => {
    const { session, last, calls } = harness();
    session.receive([FRAME.CALL, 1, 'ui.toast', { message: 'saved' }]);
    expect(last()).toEqual([FRAME.RESULT, 1, undefined]);
    expect(calls).toEqual([{ method: 'ui.toast', args: { message: 'saved' } }]);
  });

  it('reaches nothing outside the method table', () => {
    const { session, sent, calls } = harness();
    const names = [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'ui',
      'services',
      'then',
      '',
      'ui.toast.call',
    ];
    names.forEach((name, index) => {
      session.receive([FRAME.CALL, index, name, {}]);
    });
    expect(sent.map(errorCode)).toEqual(names.map(() => 'NOT_FOUND'));
    expect(calls).toEqual([]);
  });

  it('ignores raw comlink-style get/set/construct/release messages', () => {
    const { session, sent, calls } = harness();
    for (const message of [
      { type: 'GET', path: ['constructor'] },
      { type: 'SET', path: ['services', 'ui.toast'], value: 1 },
      { type: 'CONSTRUCT', path: [] },
      { type: 'RELEASE' },
      { id: 'x', type: 'APPLY', path: ['ui.toast'], argumentList: [] },
    ]) {
      session.receive(message);
    }
    expect(sent).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('refuses a method whose scope is not granted, and follows live grant changes', () => {
    const { session, last, calls } = harness({ scopes: ['ui'] });
    session.receive([FRAME.CALL, 1, 'auth.sessionToken', {}]);
    expect(last()).toEqual([
      FRAME.ERROR,
      1,
      {
        code: 'PERMISSION_DENIED',
        message: 'auth.sessionToken needs the "auth:session" scope.',
        details: { method: 'auth.sessionToken', scope: 'auth:session' },
      },
    ]);
    session.setScopes(['ui', 'auth:session']);
    session.receive([FRAME.CALL, 2, 'auth.sessionToken', {}]);
    expect(last()?.[0]).toBe(FRAME.RESULT);
    session.setScopes([]);
    session.receive([FRAME.CALL, 3, 'ui.toast', { message: 'x' }]);
    expect(errorCode(last())).toBe('PERMISSION_DENIED');
    expect(calls.map((call) => call.method)).toEqual(['auth.sessionToken']);
  });

  it('refuses arguments that do not parse, with the issues', () => {
    const { session, last, calls } = harness();
    session.receive([FRAME.CALL, 1, 'ui.toast', { message: 42 }]);
    expect(last()).toMatchObject([
      FRAME.ERROR,
      1,
      { code: 'INVALID_ARGUMENT', details: { issues: [{ path: 'message', message: expect.any(String) }] } },
    ]);
    session.receive([FRAME.CALL, 2, 'ui.toast', JSON.parse('{"message":"x","__proto__":{"polluted":true}}')]);
    expect(errorCode(last())).toBe('INVALID_ARGUMENT');
    session.receive([
      FRAME.CALL,
      3,
      'ui.toast',
      { message: 'x', constructor: { prototype: { polluted: true } } },
    ]);
    expect(errorCode(last())).toBe('INVALID_ARGUMENT');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('refuses payloads over the byte limit before parsing them', () => {
    const { session, last, calls } = harness();
    session.receive([FRAME.CALL, 1, 'ui.toast', { message: 'x'.repeat(50 * 1024 * 1024) }]);
    expect(last()).toEqual([
      FRAME.ERROR,
      1,
      {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Arguments of ui.toast exceed 4096 bytes.',
        details: { limit: 4096 },
      },
    ]);
    session.receive([FRAME.CALL, 2, 'ui.setTitle', { title: new ArrayBuffer(2048) }]);
    expect(errorCode(last())).toBe('PAYLOAD_TOO_LARGE');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    session.receive([FRAME.CALL, 3, 'ui.toast', cyclic]);
    expect(errorCode(last())).toBe('PAYLOAD_TOO_LARGE');
    expect(calls).toEqual([]);
  });

  it('rate-limits per class with a token bucket, and recovers', () => {
    let now = 0;
    const { session, sent, calls } = harness({
      now: () => now,
      rateClasses: { ...defaults(), interactive: { perSecond: 2, burst: 3 } },
    });
    for (let id = 0; id < 10; id += 1) session.receive([FRAME.CALL, id, 'ui.toast', { message: 'x' }]);
    expect(calls).toHaveLength(3);
    expect(sent.slice(3).map(errorCode)).toEqual(Array(7).fill('RATE_LIMITED'));
    expect(sent[3]?.[2]).toMatchObject({ details: { retryAfterMs: 500 } });
    session.receive([FRAME.CALL, 10, 'ui.setTitle', { title: 'other class' }]);
    expect(sent[10]?.[0]).toBe(FRAME.RESULT);
    now += 1000;
    session.receive([FRAME.CALL, 11, 'ui.toast', { message: 'x' }]);
    expect(sent[11]?.[0]).toBe(FRAME.RESULT);
  });

  it('closes the session with RATE_LIMITED when an app floods it', () => {
    const floods: string[] = [];
    const { session, sent } = harness({ floodLimit: 50, onFlood: (error) => floods.push(error.code) });
    for (let id = 0; id < 200; id += 1) session.receive([FRAME.CALL, id, 'ui.toast', { message: 'x' }]);
    expect(session.closed).toBe(true);
    expect(floods).toEqual(['RATE_LIMITED']);
    expect(sent.filter((frame) => errorCode(frame) === 'RATE_LIMITED')).toHaveLength(50);
    expect(sent.at(-1)).toMatchObject([FRAME.CLOSE, { code: 'RATE_LIMITED' }]);
  });

  it('answers malformed frames without crashing and without reaching services', () => {
    const { session, sent, calls } = harness();
    for (const frame of [
      null,
      1,
      'x',
      {},
      [],
      [FRAME.CALL],
      [FRAME.CALL, -1, 'ui.toast', {}],
      [FRAME.CALL, 1.5, 'ui.toast', {}],
      [FRAME.CALL, 'id'],
    ]) {
      session.receive(frame);
    }
    session.receive([FRAME.CALL, 7, 'ui.toast', { message: 'x' }, 1000, 'extra']);
    expect(sent.map(errorCode)).toEqual(['INVALID_ARGUMENT']);
    expect(calls).toEqual([]);
  });

  it('handles each frame of a batch in order exactly as if it came alone, and answers in one batch', () => {
    const { session, sent, messages, calls } = harness({ scopes: ['ui'] });
    session.receive([
      FRAME.BATCH,
      [
        [FRAME.CALL, 1, 'ui.toast', { message: 'first' }],
        [FRAME.CALL, 2, 'auth.sessionToken', {}],
        [FRAME.CALL, 3, '__proto__', {}],
        [FRAME.CALL, 4, 'ui.toast', { message: 'x', constructor: { prototype: {} } }],
        'not a frame',
        null,
        { 0: FRAME.CALL, 1: 5, 2: 'ui.toast', 3: { message: 'array-like' }, length: 4 },
        [FRAME.CALL, 6, 'ui.setTitle', { title: 'last' }],
      ],
    ]);
    expect(calls).toEqual([
      { method: 'ui.toast', args: { message: 'first' } },
      { method: 'ui.setTitle', args: { title: 'last' } },
    ]);
    expect(sent.map((frame) => [frame[1], errorCode(frame)])).toEqual([
      [1, null],
      [2, 'PERMISSION_DENIED'],
      [3, 'NOT_FOUND'],
      [4, 'INVALID_ARGUMENT'],
      [6, null],
    ]);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.[0]).toBe(FRAME.BATCH);
  });

  it('sends a moved buffer alone, after what the batch answered before it, and fails only an uncloneable result', () => {
    const buffer = new ArrayBuffer(4);
    const { session, sent, messages } = harness({
      services: {
        'ui.toast': () => new Transfer({ data: buffer }, [buffer]),
        'ui.setTitle': () => () => 'not cloneable',
        'ui.setLoading': () => undefined,
      },
    });
    refuseFunctions(session);
    session.receive([
      FRAME.BATCH,
      [
        [FRAME.CALL, 1, 'ui.setLoading', { loading: true }],
        [FRAME.CALL, 2, 'ui.toast', { message: 'moves a buffer' }],
        [FRAME.CALL, 3, 'ui.setTitle', { title: 'returns a function' }],
        [FRAME.CALL, 4, 'ui.setLoading', { loading: false }],
      ],
    ]);
    expect(sent.map((frame) => [frame[1], errorCode(frame)])).toEqual([
      [1, null],
      [2, null],
      [3, 'INTERNAL'],
      [4, null],
    ]);
    expect(messages.map((message) => message[0])).toEqual([
      FRAME.RESULT,
      FRAME.RESULT,
      FRAME.ERROR,
      FRAME.RESULT,
    ]);
  });

  it('keeps answering a batch when an event sent during it cannot be cloned, and surfaces that error', () => {
    let session: BridgeSession | undefined;
    const harnessed = harness({
      services: {
        'ui.toast': () => {
          session?.emit('route', { path: () => '/not/cloneable' });
          return 'shown';
        },
        'ui.setLoading': () => undefined,
      },
    });
    session = harnessed.session;
    refuseFunctions(session);
    const surfaced: (() => void)[] = [];
    const microtask = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
      surfaced.push(task);
    });
    session.receive([
      FRAME.BATCH,
      [
        [FRAME.CALL, 1, 'ui.toast', { message: 'x' }],
        [FRAME.CALL, 2, 'ui.setLoading', { loading: true }],
      ],
    ]);
    microtask.mockRestore();
    expect(harnessed.sent).toEqual([
      [FRAME.RESULT, 1, 'shown'],
      [FRAME.RESULT, 2, undefined],
    ]);
    expect(surfaced).toHaveLength(1);
    expect(() => surfaced[0]?.()).toThrow('could not be cloned');
  });

  it('drops a malformed, oversized or nested batch whole, and keeps serving', () => {
    const { session, sent, calls } = harness({
      rateClasses: { ...defaults(), interactive: { perSecond: 1000, burst: 1000 } },
    });
    const call = (id: number) => [FRAME.CALL, id, 'ui.toast', { message: 'x' }];
    for (const frame of [
      [FRAME.BATCH],
      [FRAME.BATCH, 'frames'],
      [FRAME.BATCH, { 0: call(1), length: 1 }],
      [FRAME.BATCH, [call(2)], 'extra'],
      [FRAME.BATCH, Array.from({ length: MAX_BATCH_FRAMES + 1 }, (_, i) => call(100 + i))],
      [FRAME.BATCH, [[FRAME.BATCH, [call(3)]]]],
    ]) {
      session.receive(frame);
    }
    expect(sent).toEqual([]);
    expect(calls).toEqual([]);
    session.receive([FRAME.BATCH, Array.from({ length: MAX_BATCH_FRAMES }, (_, i) => call(1000 + i))]);
    expect(calls).toHaveLength(MAX_BATCH_FRAMES);
    expect(sent.every((frame) => frame[0] === FRAME.RESULT)).toBe(true);
  });

  it('rate-limits every call of a batch, and stops in the middle of one that floods it', () => {
    const floods: string[] = [];
    const { session, sent, calls } = harness({
      now: () => 0,
      floodLimit: 50,
      onFlood: (error) => floods.push(error.code),
      rateClasses: { ...defaults(), interactive: { perSecond: 2, burst: 3 } },
    });
    const batch = Array.from({ length: 200 }, (_, id) => [FRAME.CALL, id, 'ui.toast', { message: 'x' }]);
    session.receive([FRAME.BATCH, batch]);
    expect(calls).toHaveLength(3);
    expect(sent.filter((frame) => errorCode(frame) === 'RATE_LIMITED')).toHaveLength(50);
    expect(floods).toEqual(['RATE_LIMITED']);
    expect(session.closed).toBe(true);
    expect(sent.at(-1)).toMatchObject([FRAME.CLOSE, { code: 'RATE_LIMITED' }]);
  });

  it('times out slow services, aborts them, and drops their late results', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    let finish: (value: boolean) => void = () => {};
    const { session, last, sent } = harness({
      services: {
        'ui.confirm': ((_args: unknown, call: { signal: AbortSignal }) => {
          signal = call.signal;
          return new Promise((resolve) => {
            finish = resolve;
          });
        }) as ServiceFunction,
      },
    });
    session.receive([FRAME.CALL, 1, 'ui.confirm', { title: 't', message: 'm' }, 50]);
    await vi.advanceTimersByTimeAsync(60);
    expect(last()).toMatchObject([FRAME.ERROR, 1, { code: 'TIMEOUT', details: { timeoutMs: 50 } }]);
    expect(signal?.aborted).toBe(true);
    finish(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(1);
  });

  it('keeps a long method default and caps what a caller may ask for', async () => {
    vi.useFakeTimers();
    const { session, last } = harness({
      maxTimeoutMs: 1000,
      services: { 'storage.head': (() => new Promise(() => {})) as ServiceFunction },
    });
    session.receive([FRAME.CALL, 1, 'storage.head', { key: 'a' }, 60 * 60_000]);
    await vi.advanceTimersByTimeAsync(BRIDGE_METHODS['storage.head'].timeoutMs + 10);
    expect(last()).toMatchObject([
      FRAME.ERROR,
      1,
      { code: 'TIMEOUT', details: { timeoutMs: BRIDGE_METHODS['storage.head'].timeoutMs } },
    ]);
    session.close();
  });

  it('cancels a call when the app asks, and fails every running call on close', async () => {
    const signals: AbortSignal[] = [];
    const { session, sent } = harness({
      services: {
        'ui.confirm': ((_args: unknown, call: { signal: AbortSignal }) => {
          signals.push(call.signal);
          return new Promise(() => {});
        }) as ServiceFunction,
      },
    });
    session.receive([FRAME.CALL, 1, 'ui.confirm', { title: 't', message: 'm' }]);
    session.receive([FRAME.CALL, 2, 'ui.confirm', { title: 't', message: 'm' }]);
    session.receive([FRAME.CANCEL, 1]);
    expect(errorCode(sent[0])).toBe('CANCELLED');
    expect(session.inFlight).toBe(1);
    session.close();
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    expect(signals[1]?.reason).toMatchObject({ code: 'DISCONNECTED' });
    const disconnected = { code: 'DISCONNECTED', message: 'The host closed the connection.' };
    expect(sent.slice(1)).toEqual([
      [FRAME.ERROR, 2, disconnected],
      [FRAME.CLOSE, disconnected],
    ]);
    expect(session.inFlight).toBe(0);
    session.receive([FRAME.CALL, 3, 'ui.toast', { message: 'x' }]);
    expect(sent).toHaveLength(3);
  });

  it('never lets a service error or host internals reach the app', async () => {
    const { session, sent } = harness({
      services: {
        'ui.toast': (() => {
          throw new Error('database password is hunter2');
        }) as ServiceFunction,
        'context.get': (() =>
          Promise.reject(new TypeError('at /srv/console/secret.js:1'))) as ServiceFunction,
      },
    });
    session.receive([FRAME.CALL, 1, 'ui.toast', { message: 'x' }]);
    session.receive([FRAME.CALL, 2, 'context.get', {}]);
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual([
      [FRAME.ERROR, 1, { code: 'INTERNAL', message: expect.any(String) }],
      [FRAME.ERROR, 2, { code: 'INTERNAL', message: expect.any(String) }],
    ]);
    expect(JSON.stringify(sent)).not.toMatch(/hunter2|secret\.js/);
  });

  it('sends events only for granted scopes', () => {
    const { session, sent } = harness({ scopes: ['ui'] });
    expect(session.emit('route', { path: '/a' })).toBe(true);
    expect(session.emit('context', {} as never)).toBe(false);
    expect(session.emit('__proto__', {})).toBe(false);
    expect(sent).toEqual([[FRAME.EVENT, 'route', { path: '/a' }]]);
  });

  it('pings, and reports an app that stops answering', async () => {
    vi.useFakeTimers();
    let now = 0;
    const changes: boolean[] = [];
    const { session, sent } = harness({
      heartbeatMs: 100,
      now: () => now,
      onResponsiveChange: (responsive) => changes.push(responsive),
    });
    for (let step = 0; step < 4; step += 1) {
      now += 100;
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(sent.filter((frame) => frame[0] === FRAME.PING).length).toBe(4);
    expect(changes[0]).toBe(false);
    session.receive([FRAME.PONG, 4]);
    expect(changes.at(-1)).toBe(true);
    session.close();
  });
});

function defaults() {
  return {
    interactive: { perSecond: 5, burst: 20 },
    read: { perSecond: 100, burst: 200 },
    write: { perSecond: 20, burst: 50 },
    auth: { perSecond: 2, burst: 10 },
  };
}

describe('BridgeSession under random wire messages (property)', () => {
  const scopeArb = fc.subarray([...SCOPE_NAMES] as Scope[]);
  const valueArb = fc.oneof(
    fc.anything({
      withObjectString: true,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
    }),
    fc.constantFrom(
      { message: 'ok' },
      { title: 't', message: 'm' },
      { path: '/x' },
      { height: 10 },
      {},
      JSON.parse('{"__proto__":{"x":1}}'),
    ),
  );
  const methodArb = fc.oneof(
    fc.constantFrom(...Object.keys(BRIDGE_METHODS), 'constructor', '__proto__', 'toString', 'valueOf'),
    fc.string(),
    fc.anything(),
  );
  const frameArb = fc.oneof(
    fc.tuple(fc.constant(FRAME.CALL), fc.oneof(fc.nat(), fc.anything()), methodArb, valueArb),
    fc.tuple(fc.constant(FRAME.CALL), fc.nat(), methodArb, valueArb, fc.anything()),
    fc.tuple(fc.integer({ min: -1, max: 9 }), fc.anything(), fc.anything()),
    fc.anything(),
  );
  // Batches of such frames, sometimes nested or with extra elements.
  const batchArb = fc.oneof(
    fc.tuple(fc.constant(FRAME.BATCH), fc.array(frameArb, { maxLength: 20 })),
    fc.tuple(
      fc.constant(FRAME.BATCH),
      fc.array(fc.oneof(frameArb, fc.tuple(fc.constant(FRAME.BATCH), fc.array(frameArb)))),
    ),
    fc.tuple(fc.constant(FRAME.BATCH), fc.anything(), fc.anything()),
  );

  it('never throws, and every service call had granted scope and schema-valid arguments', () => {
    fc.assert(
      fc.property(scopeArb, fc.array(fc.oneof(frameArb, batchArb), { maxLength: 40 }), (scopes, frames) => {
        const { session, calls } = harness({ scopes });
        for (const frame of frames) expect(() => session.receive(frame)).not.toThrow();
        for (const call of calls) {
          const spec = BRIDGE_METHODS[call.method as keyof typeof BRIDGE_METHODS];
          expect(scopes).toContain(spec.scope);
          expect(spec.params.safeParse(call.args).success).toBe(true);
        }
        session.close();
      }),
      { numRuns: 400 },
    );
  });
});
