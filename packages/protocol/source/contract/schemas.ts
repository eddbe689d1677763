// Argument and result schemas of every bridge method and event payload. Types are inferred from
// these; the host parses every call's arguments with them before any service runs.
import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { SCOPES, type Scope } from '../scopes.js';
import { DELIVERY_SCHEMAS, DeliveryOrderSchema } from './delivery.js';
import {
  EVENTS,
  type EventInfo,
  type EventName,
  METHODS,
  type MethodInfo,
  type MethodName,
} from './methods.js';
import { STORAGE_SCHEMAS, StorageProgressSchema } from './storage.js';

const text = (max: number) => z.string().min(1).max(max);

/** A console route inside the app: absolute path, no scheme, no protocol-relative `//`. */
export const RoutePathSchema = z
  .string()
  .max(512)
  .regex(/^\/(?!\/)[^\s\\]*$/, 'must be an absolute path such as "/orders/42", without scheme or host');

/** BCP 47 language tag such as `zh-CN` or `en-US`. */
export const LocaleSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as "zh-CN"');

/** Merchant roles, most powerful first. */
export const UserRoleSchema = z.enum(['owner', 'admin', 'staff', 'viewer']);

/** What an app knows about where it runs. */
export const ContextSchema = z.strictObject({
  shop: z.strictObject({ id: text(64), name: text(128) }),
  user: z.strictObject({ id: text(64), role: UserRoleSchema }),
  locale: LocaleSchema,
  theme: z.enum(['light', 'dark']),
  route: RoutePathSchema,
});

const empty = z.strictObject({});
const ActionIdSchema = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be 1-32 of a-z, 0-9, "_" or "-"');

/** The schemas of each method, keyed like {@link METHODS}. */
export const METHOD_SCHEMAS = {
  'context.get': {
    description: 'The current context: shop, user, locale, theme and console route.',
    params: empty,
    result: ContextSchema,
  },
  'ui.toast': {
    description: 'Shows a short message in the console, outside the app frame.',
    params: z.strictObject({
      message: text(500),
      tone: z.enum(['info', 'success', 'warning', 'error']).optional(),
      durationMs: z.int().min(1000).max(30_000).optional(),
    }),
    result: z.void(),
  },
  'ui.confirm': {
    description: 'Asks the merchant to confirm; resolves true when confirmed, false when declined.',
    params: z.strictObject({
      title: text(100),
      message: text(2000),
      confirmLabel: text(40).optional(),
      cancelLabel: text(40).optional(),
      tone: z.enum(['default', 'danger']).optional(),
    }),
    result: z.boolean(),
  },
  'ui.modal': {
    description:
      'Shows a console modal with up to three actions; resolves with the chosen action id or null.',
    params: z.strictObject({
      title: text(100),
      body: text(4000),
      actions: z
        .array(
          z.strictObject({
            id: ActionIdSchema,
            label: text(40),
            tone: z.enum(['primary', 'default', 'danger']).optional(),
          }),
        )
        .min(1)
        .max(3),
    }),
    result: z.strictObject({ action: ActionIdSchema.nullable() }),
  },
  'ui.navigate': {
    description: "Moves the app to a route of its own and records it in the console's history.",
    params: z.strictObject({ path: RoutePathSchema, replace: z.boolean().optional() }),
    result: z.void(),
  },
  'ui.setTitle': {
    description: 'Sets the title the console shows above the app.',
    params: z.strictObject({ title: z.string().max(100) }),
    result: z.void(),
  },
  'ui.setLoading': {
    description: 'Shows or hides the console loading bar for the app.',
    params: z.strictObject({ loading: z.boolean() }),
    result: z.void(),
  },
  'ui.resize': {
    description: "Asks for a frame height; the host holds it within the manifest's min and max.",
    params: z.strictObject({ height: z.int().min(0).max(100_000) }),
    result: z.void(),
  },
  'auth.sessionToken': {
    description: 'A short-lived JWT naming the app, shop and user, for the app backend to verify.',
    params: empty,
    result: z.strictObject({ token: z.string(), expiresAt: z.int() }),
  },
  ...STORAGE_SCHEMAS,
  ...DELIVERY_SCHEMAS,
} as const satisfies Record<MethodName, { description: string; params: z.ZodType; result: z.ZodType }>;

/** The payload schema of each event, keyed like {@link EVENTS}. */
export const EVENT_SCHEMAS = {
  context: {
    description: 'The context changed (shop, user, locale, theme or route); carries the whole new context.',
    payload: ContextSchema,
  },
  route: {
    description: 'The console moved the app to another of its routes (history back or forward, a deep link).',
    payload: z.strictObject({ path: RoutePathSchema }),
  },
  'delivery.status': {
    description:
      "A delivery the app created changed status; carries the whole order, with the rider's position when known.",
    payload: DeliveryOrderSchema,
  },
  'storage.progress': {
    description: 'Upload progress of a storage.put call that passed a progressId.',
    payload: StorageProgressSchema,
  },
  scopes: {
    description: 'The merchant granted or revoked scopes; carries every scope the app now holds.',
    payload: z.strictObject({ scopes: z.array(z.enum(Object.keys(SCOPES) as [Scope, ...Scope[]])) }),
  },
} as const satisfies Record<EventName, { description: string; payload: z.ZodType }>;

/** One row of the bridge contract: the metadata of {@link METHODS} with its schemas. */
export type MethodDefinition<M extends MethodName = MethodName> = MethodInfo & {
  readonly description: string;
  readonly namespace: string;
  readonly name: string;
  readonly params: (typeof METHOD_SCHEMAS)[M]['params'];
  readonly result: (typeof METHOD_SCHEMAS)[M]['result'];
};

/** One event of the contract: the metadata of {@link EVENTS} with its payload schema. */
export type EventDefinition<E extends EventName = EventName> = EventInfo & {
  readonly description: string;
  readonly payload: (typeof EVENT_SCHEMAS)[E]['payload'];
};

function methodDefinition<M extends MethodName>(method: M): MethodDefinition<M> {
  const dot = method.indexOf('.');
  return {
    ...METHODS[method],
    description: METHOD_SCHEMAS[method].description,
    namespace: method.slice(0, dot),
    name: method.slice(dot + 1),
    params: METHOD_SCHEMAS[method].params,
    result: METHOD_SCHEMAS[method].result,
  };
}

/** The whole contract: every method with its metadata and schemas. */
export const BRIDGE_METHODS = Object.fromEntries(
  (Object.keys(METHODS) as MethodName[]).map((method) => [method, methodDefinition(method)]),
) as { readonly [M in MethodName]: MethodDefinition<M> };

/** Every event with its metadata and payload schema. */
export const BRIDGE_EVENTS = Object.fromEntries(
  (Object.keys(EVENTS) as EventName[]).map((event) => [event, { ...EVENTS[event], ...EVENT_SCHEMAS[event] }]),
) as { readonly [E in EventName]: EventDefinition<E> };

/** Arguments an app passes to method `M`. */
export type MethodParams<M extends MethodName> = z.input<(typeof METHOD_SCHEMAS)[M]['params']>;
/** Arguments of method `M` after parsing (defaults applied): what a host service receives. */
export type MethodArgs<M extends MethodName> = z.output<(typeof METHOD_SCHEMAS)[M]['params']>;
/** What method `M` resolves with. */
export type MethodResult<M extends MethodName> = z.output<(typeof METHOD_SCHEMAS)[M]['result']>;
/** The payload of event `E`. */
export type EventPayload<E extends EventName> = z.output<(typeof EVENT_SCHEMAS)[E]['payload']>;
/** The context an app runs in. */
export type Context = z.output<typeof ContextSchema>;
/** A merchant role. */
export type UserRole = z.output<typeof UserRoleSchema>;

const WireErrorBase = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().max(2000),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** The wire form of an error, with its cause chain. */
export const WireErrorSchema: z.ZodType<import('../errors.js').WireError> = WireErrorBase.extend({
  get cause() {
    return WireErrorSchema.optional();
  },
});
