// The terminal's size in columns and rows, following resizes.
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface ScreenSize {
  columns: number;
  rows: number;
}

/** Falls back to 80×24 when the output is not a terminal (tests, pipes). */
export function useScreenSize(): ScreenSize {
  const { stdout } = useStdout();
  const read = (): ScreenSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // read() depends only on stdout.
  }, [stdout]);
  return size;
}
