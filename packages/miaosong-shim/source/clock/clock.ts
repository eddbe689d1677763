// Simulated time. Everything the simulation schedules (rider steps, deliveryNo expiry, callback retries) reads
// this clock; envelope timestamps are checked against the wall clock instead, because real clients sign with it.

/** How the clock runs: wall time, wall time times a factor, or only when advanced by hand. */
export type ClockSpec = 'real' | 'manual' | { readonly speed: number };

export interface SimClock {
  readonly mode: 'real' | 'scaled' | 'manual';
  readonly speed: number;
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Moves simulated time forward (any mode; the only way it moves in manual mode). */
  skip(ms: number): void;
  /** Wall milliseconds until simulated time reaches `at`; Infinity when the clock does not run by itself. */
  wallDelayUntil(at: number): number;
}

export function createClock(spec: ClockSpec, startAt: number = Date.now()): SimClock {
  const mode = spec === 'real' ? 'real' : spec === 'manual' ? 'manual' : 'scaled';
  const speed = typeof spec === 'object' ? spec.speed : spec === 'real' ? 1 : 0;
  if (mode === 'scaled' && !(speed > 0 && Number.isFinite(speed))) {
    throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  }
  const wallStart = Date.now();
  let offset = 0;
  return {
    mode,
    speed,
    now: () => startAt + offset + (Date.now() - wallStart) * speed,
    skip(ms) {
      if (!(ms >= 0)) throw new RangeError(`cannot move the clock by ${ms} ms`);
      offset += ms;
    },
    wallDelayUntil(at) {
      if (speed === 0) return Number.POSITIVE_INFINITY;
      return Math.max(0, (at - this.now()) / speed);
    },
  };
}

/** Parses the CLI's `--clock` value: `real`, `manual`, or a speed such as `10` or `10x`. */
export function parseClockSpec(text: string): ClockSpec {
  if (text === 'real' || text === 'manual') return text;
  const speed = Number(text.replace(/x$/i, ''));
  if (!(speed > 0 && Number.isFinite(speed)))
    throw new RangeError(`--clock must be real, manual or a speed, got ${text}`);
  return { speed };
}
