// Reads the scenario session actor's snapshot and re-renders when it changes (no xstate import needed).
import { useCallback, useSyncExternalStore } from 'react';
import type { SessionActorRef, SessionView } from './types';

export function useActorSnapshot(actor: SessionActorRef): SessionView {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = actor.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    [actor],
  );
  const read = useCallback(() => actor.getSnapshot(), [actor]);
  return useSyncExternalStore(subscribe, read, read);
}
