// How the simulated world behaves over (simulated) time.

export interface SimulationTimings {
  /** When true, riders accept, arrive, pick up and deliver by themselves; otherwise only the test endpoints move orders. */
  readonly autoDispatch: boolean;
  /** Order published -> a rider accepts (1 -> 2). */
  readonly acceptAfterMs: number;
  /** Accepted -> rider at the shop (2 -> 100). */
  readonly arriveAfterMs: number;
  /** At the shop -> picked up (100 -> 3). */
  readonly fetchAfterMs: number;
  /** Rider speed along the straight line shop -> receiver (3 -> 4 takes distance / speed, at least 1 min). */
  readonly riderSpeedMps: number;
  /** Not accepted for this long -> expired (1 -> 7). */
  readonly expireAfterMs: number;
  /** Accepted but not picked up this long after the predicted pick-up time -> system cancel (5, cancel_from 3). */
  readonly pickupGraceMs: number;
  /** How long a queryDeliverFee deliveryNo stays valid. */
  readonly quoteTtlMs: number;
}

export const DEFAULT_TIMINGS: SimulationTimings = {
  autoDispatch: true,
  acceptAfterMs: 30_000,
  arriveAfterMs: 5 * 60_000,
  fetchAfterMs: 2 * 60_000,
  riderSpeedMps: 5,
  expireAfterMs: 72 * 3600_000,
  pickupGraceMs: 30 * 60_000,
  quoteTtlMs: 3 * 60_000,
};
