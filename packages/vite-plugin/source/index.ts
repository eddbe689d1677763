// `@jingmai/vite-plugin`: builds a Jingmai micro-app with its manifest, CSP and bundle budget.
export {
  type BundleSize,
  DEFAULT_BUDGET_BYTES,
  describeBudget,
  formatKiB,
  measureScripts,
  type ScriptSize,
} from './budget/measure.js';
export { type CspOptions, contentSecurityPolicy, cspDirectives } from './csp/policy.js';
export { resolveStorageOrigins, STORAGE_ORIGINS_ENV } from './csp/storage-origins.js';
export { allowNullOrigin } from './dev/null-origin-cors.js';
export { formatIssues, loadManifest, ManifestError } from './manifest/load.js';
export { type JingmaiOptions, type JingmaiPluginApi, jingmai, PLUGIN_NAME } from './plugin.js';
