// `@jingmai/platform`: the console's backend, and session-token verification for app backends.

export { OrderStore, type StoredOrder, type StoredQuote } from './delivery/order-store.js';
export { type DeliveryConfig, type DeliveryScope, DeliveryService } from './delivery/service.js';
export { type ConsoleAuthenticator, type ConsoleUser, devConsoleAuth } from './http/console-auth.js';
export {
  createPlatformServer,
  type PlatformServer,
  type PlatformServerOptions,
  type RegisteredApp,
} from './server.js';
export {
  issueSessionToken,
  MAX_SESSION_TOKEN_SECONDS,
  SESSION_TOKEN_ISSUER,
  type SessionClaims,
  type SessionSubject,
  type VerifyOptions,
  verifySessionToken,
} from './session/tokens.js';
export { AppStorage, type StorageConfig, type StorageScope } from './storage/app-storage.js';
