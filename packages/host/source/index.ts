// `@jingmai/host`: what the console page imports to embed micro-apps.
export { type CallContext, type CallRecord, Transfer } from './bridge/session.js';
export { createHost, type Host, type HostContext, type HostOptions, type MountOptions } from './host.js';
export { AppHandle, type AppHandleEvents } from './mount/app-handle.js';
export type { FramePermission } from './mount/frame.js';
export { createHistoryNavigation, type HostNavigation } from './navigation/history.js';
export { createPlatformClient, type PlatformClient, type PlatformClientOptions } from './platform/client.js';
export { type AppLabel, createOverlayUi, type HostUi } from './ui/overlay.js';
