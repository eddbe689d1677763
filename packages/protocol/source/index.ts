// `@jingmai/protocol`: the single source of truth for the manifest, scopes, bridge contract and
// errors. Host, platform server, CLI and docs import this entry; the SDK imports only its types
// and the zod-free `@jingmai/protocol/constants`.
export * from './constants.js';
export {
  DELIVERY_SCHEMAS,
  type DeliveryOrder,
  DeliveryOrderIdSchema,
  DeliveryOrderSchema,
  type DeliveryQuote,
  DeliveryQuoteSchema,
  type DeliveryRequest,
  DeliveryRequestSchema,
  RiderSchema,
} from './contract/delivery.js';
export { type Hello, HelloSchema, type Welcome, WelcomeSchema } from './contract/handshake.js';
export {
  type MultipartPlan,
  PLATFORM_STORAGE_REQUESTS,
  type PlatformStorageArgs,
  type PlatformStorageRequest,
  type PlatformStorageRoute,
  type PresignedRequest,
} from './contract/platform-api.js';
export {
  BRIDGE_EVENTS,
  BRIDGE_METHODS,
  type Context,
  ContextSchema,
  EVENT_SCHEMAS,
  type EventDefinition,
  type EventPayload,
  LocaleSchema,
  METHOD_SCHEMAS,
  type MethodArgs,
  type MethodDefinition,
  type MethodParams,
  type MethodResult,
  RoutePathSchema,
  type UserRole,
  UserRoleSchema,
  WireErrorSchema,
} from './contract/schemas.js';
export {
  ContentTypeSchema,
  MAX_KEY_BYTES,
  type ObjectInfo,
  ObjectInfoSchema,
  ObjectMetadataSchema,
  type ObjectSummary,
  ObjectSummarySchema,
  StorageKeySchema,
  StoragePrefixSchema,
  StorageProgressSchema,
} from './contract/storage.js';
export {
  FRAME_PERMISSIONS,
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  type Manifest,
  type ManifestInput,
  type ManifestIssue,
  type ManifestResult,
  ManifestSchema,
  manifestHints,
  parseManifest,
} from './manifest.js';
