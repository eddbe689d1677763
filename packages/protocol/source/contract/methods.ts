// The bridge contract's metadata: every method and event, the scope it needs and the limits it runs
// under. Zod-free and terse so the SDK can ship it; descriptions and the argument and result schemas
// live in contract/schemas.ts, keyed by the same names, and the types check both tables agree.
import type { Scope } from '../scopes.js';

/** Token-bucket settings: `perSecond` refill rate, `burst` bucket size. */
export interface RateClass {
  readonly perSecond: number;
  readonly burst: number;
}

/** Rate classes a method can belong to; each app gets one bucket per class. */
export const RATE_CLASSES = {
  interactive: { perSecond: 5, burst: 20 },
  read: { perSecond: 100, burst: 200 },
  write: { perSecond: 20, burst: 50 },
  auth: { perSecond: 2, burst: 10 },
  transfer: { perSecond: 10, burst: 20 },
} as const satisfies Record<string, RateClass>;

/** A rate class name. */
export type RateClassName = keyof typeof RATE_CLASSES;

/** What the host enforces for one method before any service runs. */
export interface MethodInfo {
  readonly scope: Scope;
  /** Upper bound on the structured-clone size of the arguments, in bytes. */
  readonly maxBytes: number;
  readonly rate: RateClassName;
  /** Deadline when the caller sets none, in milliseconds. */
  readonly timeoutMs: number;
}

const KiB = 1024;
const GiB = 1024 ** 3;
// Calls that wait for the merchant (confirm, modal) or move large files get long deadlines; the rest fail fast.
const SHORT = 10_000;
const HUMAN = 10 * 60_000;
const TRANSFER = 60 * 60_000;

/** The largest object an app can store (S3's single-object limit for multipart uploads is higher; this is ours). */
export const MAX_OBJECT_BYTES = 5 * GiB;

/** Bodies up to this size upload in one PUT; larger ones upload in parts (multipart). */
export const MULTIPART_THRESHOLD = 16 * 1024 * KiB;

/** Every method an app can call, by `namespace.name`. Nothing outside this table is reachable. */
export const METHODS = {
  'context.get': {
    scope: 'context:read',
    maxBytes: 1 * KiB,
    rate: 'read',
    timeoutMs: SHORT,
  },
  'ui.toast': {
    scope: 'ui',
    maxBytes: 4 * KiB,
    rate: 'interactive',
    timeoutMs: SHORT,
  },
  'ui.confirm': {
    scope: 'ui',
    maxBytes: 8 * KiB,
    rate: 'interactive',
    timeoutMs: HUMAN,
  },
  'ui.modal': {
    scope: 'ui',
    maxBytes: 16 * KiB,
    rate: 'interactive',
    timeoutMs: HUMAN,
  },
  'ui.navigate': {
    scope: 'ui',
    maxBytes: 2 * KiB,
    rate: 'write',
    timeoutMs: SHORT,
  },
  'ui.setTitle': {
    scope: 'ui',
    maxBytes: 1 * KiB,
    rate: 'write',
    timeoutMs: SHORT,
  },
  'ui.setLoading': {
    scope: 'ui',
    maxBytes: 1 * KiB,
    rate: 'write',
    timeoutMs: SHORT,
  },
  'ui.resize': {
    scope: 'ui',
    maxBytes: 1 * KiB,
    rate: 'read',
    timeoutMs: SHORT,
  },
  'auth.sessionToken': {
    scope: 'auth:session',
    maxBytes: 1 * KiB,
    rate: 'auth',
    timeoutMs: SHORT,
  },
  // The body crosses as a Blob (by reference) or a transferred buffer; its size counts here.
  'storage.put': {
    scope: 'storage:write',
    maxBytes: MAX_OBJECT_BYTES + 8 * KiB,
    rate: 'transfer',
    timeoutMs: TRANSFER,
  },
  'storage.get': { scope: 'storage:read', maxBytes: 2 * KiB, rate: 'transfer', timeoutMs: TRANSFER },
  'storage.head': { scope: 'storage:read', maxBytes: 2 * KiB, rate: 'read', timeoutMs: SHORT },
  'storage.list': { scope: 'storage:read', maxBytes: 4 * KiB, rate: 'read', timeoutMs: SHORT },
  'storage.delete': { scope: 'storage:write', maxBytes: 2 * KiB, rate: 'write', timeoutMs: SHORT },
  'storage.getUrl': { scope: 'storage:read', maxBytes: 2 * KiB, rate: 'read', timeoutMs: SHORT },
  'delivery.quote': { scope: 'delivery:write', maxBytes: 4 * KiB, rate: 'write', timeoutMs: SHORT },
  'delivery.create': { scope: 'delivery:write', maxBytes: 4 * KiB, rate: 'write', timeoutMs: SHORT },
  'delivery.get': { scope: 'delivery:read', maxBytes: 1 * KiB, rate: 'read', timeoutMs: SHORT },
  'delivery.list': { scope: 'delivery:read', maxBytes: 1 * KiB, rate: 'read', timeoutMs: SHORT },
  'delivery.cancel': { scope: 'delivery:write', maxBytes: 1 * KiB, rate: 'write', timeoutMs: SHORT },
  'delivery.addTip': { scope: 'delivery:write', maxBytes: 1 * KiB, rate: 'write', timeoutMs: SHORT },
  'delivery.cancelReasons': { scope: 'delivery:read', maxBytes: 1 * KiB, rate: 'read', timeoutMs: SHORT },
} as const satisfies Record<string, MethodInfo>;

/** A method name, `namespace.name`. */
export type MethodName = keyof typeof METHODS;

/** What an event needs and means. */
export interface EventInfo {
  /** The scope an app needs to receive the event; null for events every app receives. */
  readonly scope: Scope | null;
}

/** Every event the host sends to an app. An app only receives events whose scope it holds. */
export const EVENTS = {
  context: { scope: 'context:read' },
  route: { scope: 'ui' },
  scopes: { scope: null },
  'storage.progress': { scope: 'storage:write' },
  'delivery.status': { scope: 'delivery:read' },
} as const satisfies Record<string, EventInfo>;

/** An event name. */
export type EventName = keyof typeof EVENTS;

/** Method names in table order. */
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

/** Event names in table order. */
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** True when `value` names a method of the table (own key only: no prototype names). */
export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(METHODS, value);
}

/** The methods and events a scope opens, derived from the tables. */
export function scopeOpens(scope: Scope): { methods: MethodName[]; events: EventName[] } {
  return {
    methods: METHOD_NAMES.filter((name) => METHODS[name].scope === scope),
    events: EVENT_NAMES.filter((name) => EVENTS[name].scope === scope),
  };
}
