// Sends the session machine its TICKs: the machine owns no timers, so elapsed time comes from here.
import { useEffect } from 'react';
import type { SessionActorRef } from './types';

/** Every `intervalMs` (0 turns it off, as tests do), tell the session that much time has passed. */
export function useTicker(actor: SessionActorRef, intervalMs: number): void {
  useEffect(() => {
    if (intervalMs <= 0) return;
    const timer = setInterval(() => actor.send({ type: 'TICK', ms: intervalMs }), intervalMs);
    return () => clearInterval(timer);
  }, [actor, intervalMs]);
}
