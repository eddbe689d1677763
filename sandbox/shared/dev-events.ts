// What the sandbox server and the console tell each other outside the bridge: app rebuilds
// (over Vite's HMR socket) and app errors (posted by the forwarder in each app page).

/** The custom HMR event sent after each app build; the console reloads that app's frame. */
export const APP_BUILT_EVENT = 'jingmai:app-built';

/** The `type` of the messages the error forwarder posts to the console. */
export const DEV_ERROR_MESSAGE = 'jingmai:dev-error';

/** A build problem with its place in the app's sources. */
export interface BuildProblem {
  readonly text: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The payload of {@link APP_BUILT_EVENT}. */
export interface AppBuilt {
  readonly appId: string;
  readonly problems: readonly BuildProblem[];
}

/** What happened in the app page. */
export type DevErrorKind = 'error' | 'unhandledrejection' | 'console';

/** One forwarded app error, as posted (the console checks every field). */
export interface DevErrorReport {
  readonly kind: DevErrorKind;
  readonly message: string;
  readonly filename: string;
  readonly line: number;
  readonly column: number;
  readonly stack: string;
  readonly at: number;
}
