// Raw key input from Ink's stdin, decoded by keys.ts. useInput cannot be used: it hides F-keys.
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { createKeyDecoder, type KeyPress } from './keys';

export function useKeypress(onKey: (press: KeyPress) => void, isActive = true): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events } = useStdin();
  const handler = useRef(onKey);
  handler.current = onKey;

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    // Ink's App splits stdin into one event per key sequence and emits them here (as useInput reads them).
    const decoder = createKeyDecoder();
    const onInput = (data: string) => {
      for (const press of decoder.push(data)) handler.current(press);
    };
    events.on('input', onInput);
    return () => {
      events.removeListener('input', onInput);
    };
  }, [events, isActive]);
}
