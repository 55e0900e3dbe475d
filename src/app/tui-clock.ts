// In the TUI the simulated clock follows wall time: a host timer advances the scheduler by the real
// time that has passed, so `sleep 5`, kubelet syncs and Falco's alerts happen when a learner expects.

import type { Scheduler } from '../world/scheduler';

export interface WallClockOptions {
  /** How often to catch up (ms). */
  intervalMs?: number;
  /** Host monotonic time in ms (performance.now by default; tests pass a fake). */
  now?: () => number;
  /** Called after each catch-up (the app lets the terminal hand waiting input to a reader). */
  onTick?: () => void;
}

export interface WallClock {
  stop(): void;
}

/** Start following wall time from now on. Advances never overlap. */
export function followWallClock(scheduler: Scheduler, opts: WallClockOptions = {}): WallClock {
  const now = opts.now ?? (() => performance.now());
  let lastMs = now();
  let advancing = false;
  const tick = (): void => {
    opts.onTick?.();
    if (advancing) return;
    // By the real time since the last advance (not since the start): when grading or setup moved the
    // clock on by itself, time keeps flowing instead of stalling until the wall clock catches up.
    const t = now();
    const delta = Math.floor((t - lastMs) * 1e6);
    if (delta <= 0) return;
    lastMs = t;
    advancing = true;
    scheduler
      .advanceBy(delta)
      .catch(() => {
        // A timer handler failed; the scheduler already moved on, and the next tick tries again.
      })
      .finally(() => {
        advancing = false;
        opts.onTick?.();
      });
  };
  const timer = setInterval(tick, opts.intervalMs ?? 100);
  return { stop: () => clearInterval(timer) };
}
