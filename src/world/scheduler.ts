// Simulated clock and scheduler: serialisable timers, live waiters, and deterministic time advance.

import { NS_PER_S, type SimNs } from '../core/time';
import type { World } from './world';

/** A scheduled task as data: `kind` names a handler registered in code, `data` is its JSON argument. */
export interface TimerRecord {
  id: number;
  at: SimNs;
  kind: string;
  data: unknown;
}

export type TimerHandler = (data: unknown, timer: TimerRecord) => void | Promise<void>;

/** Yields to the host event loop so that every promise continuation already queued runs. */
export type Settle = () => Promise<void>;

export const defaultSettle: Settle = () => new Promise((resolve) => setImmediate(resolve));

export class Scheduler {
  private handlers = new Map<string, TimerHandler>();
  /** Live promise resolvers for `wake` timers; lost on restore (their processes are resumed instead). */
  private waiters = new Map<number, () => void>();
  private advancing: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(
    private readonly world: World,
    private readonly settle: Settle = defaultSettle,
  ) {
    this.on('wake', (_d, t) => {
      const w = this.waiters.get(t.id);
      this.waiters.delete(t.id);
      w?.();
    });
  }

  now(): SimNs {
    return this.world.clock.now;
  }

  on(kind: string, handler: TimerHandler): void {
    this.handlers.set(kind, handler);
  }

  schedule(at: SimNs, kind: string, data: unknown = null): number {
    const id = this.world.nextTimerId++;
    const rec: TimerRecord = { id, at: Math.max(at, this.world.clock.now), kind, data };
    // Keep timers sorted by time then id, so runs are deterministic.
    const timers = this.world.timers;
    let i = timers.length;
    while (i > 0 && (timers[i - 1]!.at > rec.at || (timers[i - 1]!.at === rec.at && timers[i - 1]!.id > id))) i--;
    timers.splice(i, 0, rec);
    return id;
  }

  after(delay: SimNs, kind: string, data: unknown = null): number {
    return this.schedule(this.world.clock.now + delay, kind, data);
  }

  cancel(id: number): void {
    const i = this.world.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.world.timers.splice(i, 1);
    this.waiters.delete(id);
  }

  cancelWhere(pred: (t: TimerRecord) => boolean): void {
    for (const t of this.world.timers.filter(pred)) this.cancel(t.id);
  }

  /**
   * Sleep for `delay`; resolves when the clock passes it, or rejects-free resolves early on abort.
   * Returns false if aborted.
   */
  sleep(delay: SimNs, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const id = this.after(delay, 'wake');
      const onAbort = (): void => {
        this.cancel(id);
        resolve(false);
      };
      this.waiters.set(id, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Let every runnable simulated process proceed until it blocks, including clock advances that
   * processes started (a foreground `sleep` in headless mode) — so afterwards everything waits on
   * input or on an event.
   */
  async quiesce(): Promise<void> {
    do {
      await this.settle();
      if (this.inFlight > 0) await this.advancing;
    } while (this.inFlight > 0);
    await this.settle();
  }

  /** Advance the clock to `target`, running every timer that falls due, in order. Calls are serialised. */
  advanceTo(target: SimNs): Promise<void> {
    this.inFlight++;
    const run = this.advancing.then(() => this.doAdvance(target)).finally(() => this.inFlight--);
    this.advancing = run.catch(() => {});
    return run;
  }

  advanceBy(delta: SimNs): Promise<void> {
    return this.advanceTo(this.world.clock.now + delta);
  }

  private async doAdvance(target: SimNs): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.world.timers[0];
      if (!next || next.at > target) break;
      this.world.timers.shift();
      if (next.at > this.world.clock.now) this.world.clock.now = next.at;
      const h = this.handlers.get(next.kind);
      if (h) await h(next.data, next);
      await this.settle();
    }
    if (target > this.world.clock.now) this.world.clock.now = target;
  }

  /** Timers left over from a saved world whose live waiters are gone. */
  orphanWakeTimers(): TimerRecord[] {
    return this.world.timers.filter((t) => t.kind === 'wake' && !this.waiters.has(t.id));
  }
}

export const ONE_SECOND = NS_PER_S;
