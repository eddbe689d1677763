// The fixed list of scopes. A scope opens methods and events; which ones is declared in the
// method and event tables (contract/methods.ts), so the two cannot disagree.

/** Every scope an app may request, with what it means for the merchant. */
export const SCOPES = {
  ui: 'Show toasts, confirmations and modals in the console, set the title and loading state, navigate.',
  'context:read': 'Read the current shop, user, locale, theme and console route, and follow their changes.',
  'auth:session': 'Get short-lived session tokens that prove the shop and user to the app backend.',
  'storage:read': "Read, list and link the files in the app's own storage area for this shop.",
  'storage:write': "Upload and delete files in the app's own storage area for this shop.",
  'delivery:read': 'Read Miaosong delivery orders the app created and follow their status.',
  'delivery:write': 'Quote, create, cancel and tip Miaosong delivery orders for the shop.',
} as const;

/** A scope name. */
export type Scope = keyof typeof SCOPES;

/** The scope names, in documentation order. */
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

/** True when `value` names a scope. */
export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && Object.hasOwn(SCOPES, value);
}
