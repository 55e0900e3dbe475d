// Hides the TUI while a host program (the learner's editor) owns the screen, keeping every component
// mounted so the scrollback, the input line and the session survive the trip.
import { Box } from 'ink';
import { useCallback, useSyncExternalStore, type ReactNode } from 'react';

/** Whether the screen is lent out right now, and a way to hear when that changes (the app's HostScreen). */
export interface ScreenGateSource {
  hidden(): boolean;
  subscribe(listener: () => void): () => void;
}

export interface ScreenGateProps {
  source: ScreenGateSource;
  children: ReactNode;
}

export default function ScreenGate({ source, children }: ScreenGateProps) {
  const subscribe = useCallback((listener: () => void) => source.subscribe(listener), [source]);
  const read = useCallback(() => source.hidden(), [source]);
  const hidden = useSyncExternalStore(subscribe, read, read);
  // display none renders an empty frame, so Ink repaints everything when the gate opens again.
  return (
    <Box display={hidden ? 'none' : 'flex'} flexDirection="column">
      {children}
    </Box>
  );
}
