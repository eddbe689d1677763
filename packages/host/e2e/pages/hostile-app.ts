// A hostile app: it skips the SDK, speaks the wire protocol by hand, and tries everything an
// untrusted app could try. Each attack returns what it observed, for the test to judge.
import { FRAME, HELLO, MAX_BATCH_FRAMES } from '@jingmai/protocol/constants';

type Frame = unknown[];

// Forged traffic before any handshake: a fake welcome, malformed hellos, garbage.
parent.postMessage(
  { type: 'jingmai:welcome', version: 1, appId: 'com.example.beta', scopes: ['auth:session'] },
  '*',
);
parent.postMessage({ type: HELLO, versions: ['1; drop table'] }, '*');
parent.postMessage({ type: HELLO, versions: [1], extra: { __proto__: { admin: true } } }, '*');
parent.postMessage('jingmai:hello', '*');
parent.postMessage(null, '*');

let port: MessagePort | undefined;
const replies = new Map<number, Frame>();
const waiters = new Map<number, (frame: Frame) => void>();
const other: Frame[] = [];
let nextId = 1;
let onClose: (code: string) => void = () => {};

function rawConnect(): Promise<{ scopes: string[] }> {
  return new Promise((resolve) => {
    window.addEventListener('message', function onWelcome(event) {
      if (event.source !== parent || event.data?.type !== 'jingmai:welcome' || !event.ports[0]) return;
      window.removeEventListener('message', onWelcome);
      port = event.ports[0];
      const handle = (frame: Frame) => {
        if (frame[0] === FRAME.BATCH) for (const inner of frame[1] as Frame[]) handle(inner);
        else if (frame[0] === FRAME.PING) port?.postMessage([FRAME.PONG, frame[1]]);
        else if (frame[0] === FRAME.RESULT || frame[0] === FRAME.ERROR) {
          const id = frame[1] as number;
          replies.set(id, frame);
          waiters.get(id)?.(frame);
        } else if (frame[0] === FRAME.CLOSE) onClose((frame[1] as { code: string }).code);
        else other.push(frame);
      };
      port.onmessage = (message) => handle(message.data as Frame);
      resolve({ scopes: event.data.scopes });
    });
    parent.postMessage({ type: HELLO, versions: [1] }, '*');
  });
}

function call(method: unknown, params: unknown): Promise<{ tag: number; value: unknown; code?: string }> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiters.set(id, (frame) => {
      const tag = frame[0] as number;
      resolve({
        tag,
        value: frame[2],
        code: tag === FRAME.ERROR ? (frame[2] as { code: string }).code : undefined,
      });
    });
    port?.postMessage([FRAME.CALL, id, method, params]);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const attacks = {
  rawConnect,
  call,
  readParentDocument() {
    try {
      return `read:${parent.document.title}`;
    } catch (error) {
      return (error as Error).name;
    }
  },
  readParentLocation() {
    try {
      return `read:${parent.location.href}`;
    } catch (error) {
      return (error as Error).name;
    }
  },
  navigateTop() {
    try {
      (top as Window).location.href = 'https://evil.example.com/phish';
      return 'no-throw';
    } catch (error) {
      return (error as Error).name;
    }
  },
  openPopup() {
    try {
      return window.open('https://evil.example.com/', '_blank') === null ? 'blocked' : 'opened';
    } catch (error) {
      return (error as Error).name;
    }
  },
  readCookiesAndStorage() {
    const seen: string[] = [];
    for (const probe of [() => document.cookie, () => localStorage.length, () => sessionStorage.length]) {
      try {
        probe();
        seen.push('allowed');
      } catch (error) {
        seen.push((error as Error).name);
      }
    }
    return seen;
  },
  async forgeAfterHandshake() {
    const before = replies.size;
    parent.postMessage({ type: 'jingmai:welcome', version: 1, scopes: ['auth:session'] }, '*');
    parent.postMessage([FRAME.CALL, 999, 'auth.sessionToken', {}], '*');
    await sleep(300);
    return replies.size - before;
  },
  async nestedHello() {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<script>
      window.addEventListener('message', (e) => { if (e.data && e.data.type === 'jingmai:welcome') parent.postMessage('nested-got-welcome', '*'); });
      top.postMessage({ type: 'jingmai:hello', versions: [1] }, '*');
      parent.parent.postMessage({ type: 'jingmai:hello', versions: [1] }, '*');
    </script>`;
    let welcomed = false;
    window.addEventListener('message', (event) => {
      if (event.data === 'nested-got-welcome') welcomed = true;
    });
    document.body.append(frame);
    await sleep(800);
    return welcomed ? 'welcomed' : 'ignored';
  },
  async rawRpcMessages() {
    const before = replies.size + other.length;
    for (const message of [
      { id: 'a', type: 'GET', path: ['constructor', 'prototype'] },
      { id: 'b', type: 'SET', path: ['services', 'auth.sessionToken'], value: 'x' },
      { id: 'c', type: 'APPLY', path: ['constructor'], argumentList: ['return document'] },
      { id: 'd', type: 'CONSTRUCT', path: [], argumentList: [] },
      { id: 'e', type: 'ENDPOINT' },
      { id: 'f', type: 'RELEASE', path: [] },
      [FRAME.RESULT, 1, 'forged result'],
      [FRAME.EVENT, 'context', {}],
    ]) {
      port?.postMessage(message);
    }
    await sleep(300);
    return replies.size + other.length - before;
  },
  async hostileBatches() {
    const before = replies.size + other.length;
    const call = (id: number, method: string, params: unknown) => [FRAME.CALL, id, method, params];
    const dropped = [
      [FRAME.BATCH, [[FRAME.BATCH, [call(9001, 'ui.toast', { message: 'nested' })]]]],
      [
        FRAME.BATCH,
        Array.from({ length: MAX_BATCH_FRAMES + 1 }, (_, i) => call(9100 + i, 'ui.toast', { message: 'x' })),
      ],
      [FRAME.BATCH, [call(9002, 'ui.toast', { message: 'extra' })], 'extra'],
      [FRAME.BATCH, { 0: call(9003, 'ui.toast', { message: 'array-like' }), length: 1 }],
    ];
    for (const message of dropped) port?.postMessage(message);
    await sleep(300);
    const leaked = replies.size + other.length - before;
    const id = nextId;
    nextId += 3;
    const answered = Promise.all(
      [id, id + 1, id + 2].map((each) => new Promise<Frame>((resolve) => waiters.set(each, resolve))),
    );
    port?.postMessage([
      FRAME.BATCH,
      [
        call(id, 'auth.sessionToken', {}),
        call(id + 1, '__proto__', {}),
        'garbage',
        call(id + 2, 'ui.toast', { message: 'inside a batch' }),
      ],
    ]);
    const frames = await answered;
    return {
      leaked,
      answers: frames.map((frame) => (frame[0] === FRAME.ERROR ? (frame[2] as { code: string }).code : 'OK')),
    };
  },
  async burst(count: number) {
    const first = nextId;
    const codes: Record<string, number> = {};
    let closedWith: string | undefined;
    await new Promise<void>((resolve) => {
      let left = count;
      onClose = (code) => {
        closedWith = code;
        resolve();
      };
      for (let id = first; id < first + count; id += 1) {
        waiters.set(id, (frame) => {
          const code = frame[0] === FRAME.ERROR ? (frame[2] as { code: string }).code : 'OK';
          codes[code] = (codes[code] ?? 0) + 1;
          waiters.delete(id);
          left -= 1;
          if (left === 0) resolve();
        });
      }
      for (let i = 0; i < count; i += 1)
        port?.postMessage([FRAME.CALL, nextId++, 'ui.setTitle', { title: `t${i}` }]);
    });
    return { codes, closedWith };
  },
};

Object.assign(window, { e2e: { attacks } });
