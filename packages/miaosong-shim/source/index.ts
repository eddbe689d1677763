// @jingmai/miaosong-shim: a simulator of the Miaosong (Dada open platform) delivery API.
// The typed client lives in the `@jingmai/miaosong-shim/client` entry.

export type { RetryPolicy } from './callbacks/dispatcher.js';
export { DEFAULT_RETRY_POLICY } from './callbacks/dispatcher.js';
export type { ClockSpec } from './clock/clock.js';
export { parseClockSpec } from './clock/clock.js';
export { TARIFF } from './fees/pricing.js';
export type { SeedAccount } from './merchants/accounts.js';
export { DEFAULT_SEED, TEST_SHOP_NO, TEST_SOURCE_ID } from './merchants/accounts.js';
export type { SimulationTimings } from './orders/timings.js';
export { DEFAULT_TIMINGS } from './orders/timings.js';
export type { ClockControl, MiaosongServer, MiaosongServerOptions } from './simulator.js';
export { startMiaosongServer } from './simulator.js';
