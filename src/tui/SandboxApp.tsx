// The free sandbox: the whole screen is the terminal, with a status line; no tasks, hints or checks.
import { Box, Text } from 'ink';
import { t } from './i18n';
import { bindingFor } from './keymap';
import TerminalPane, { paneWindow, type TerminalPaneProps } from './TerminalPane';
import { defaultTheme } from './theme';
import { useKeypress } from './use-keypress';
import { paneState, tooSmallNotice, useLabTerminal, type LabTerminalOptions } from './use-lab-terminal';

export type SandboxAppProps = LabTerminalOptions;

/** The terminal's size in the sandbox: everything but the status line and Ink's spare row. */
export function sandboxTerminalSize(columns: number, rows: number): { width: number; height: number } {
  return { width: columns, height: Math.max(1, rows - 2) };
}

export default function SandboxApp(props: SandboxAppProps) {
  const { lang, theme = defaultTheme } = props;
  const { columns, rows, term } = useLabTerminal(props, (c, r) => sandboxTerminalSize(c, r).width);
  const size = sandboxTerminalSize(columns, rows);
  const paneProps: TerminalPaneProps = {
    ...paneState(term),
    width: size.width,
    height: size.height,
    lang,
    theme,
  };

  useKeypress((press) => {
    const binding = bindingFor(press);
    if (!binding) return;
    if (binding.to === 'editor') {
      term.press(binding.key);
      return;
    }
    const page = Math.max(1, size.height - 2);
    if (binding.action === 'help') term.print([t(lang, 'sandboxHelp')]);
    else if (binding.action === 'scroll-up') term.scroll(page, paneWindow({ ...paneProps, scrollOffset: 0 }).maxOffset + 1);
    else if (binding.action === 'scroll-down') term.scroll(-page);
  });

  const tooSmall = tooSmallNotice(columns, rows, lang, theme);
  if (tooSmall) return tooSmall;

  return (
    <Box flexDirection="column" width={columns} height={size.height + 1}>
      <TerminalPane {...paneProps} />
      <Box width={columns}>
        <Text wrap="truncate">
          <Text bold color={theme.accent}>
            {t(lang, 'sandboxTitle')}
          </Text>
          {term.busy ? (
            <>
              {' │ '}
              <Text color={theme.muted}>{t(lang, 'busy')}</Text>
            </>
          ) : null}
          {' │ '}
          {t(lang, 'sandboxKeys')}
        </Text>
      </Box>
    </Box>
  );
}
