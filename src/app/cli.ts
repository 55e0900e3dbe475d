// Command-line dispatch for cks-lab (the CLI contract of docs/architecture.md).

export async function runCli(argv: string[]): Promise<number> {
  if (argv.includes('--version')) {
    process.stdout.write('cks-lab 0.1.0\n');
    return 0;
  }
  process.stdout.write('Usage: cks-lab [sh|start|check|list] …\n');
  return 0;
}
