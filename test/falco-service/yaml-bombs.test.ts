// The falco program on hostile YAML in the lab: a billion-laughs rules file or falco.yaml, and nesting
// deeper than yaml-cpp reads, are refused quickly with Falco's report and exit status 1.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MiniWorld } from '../helpers/mini-world';
import { falcoOnce, falcoWorld } from './falco-world';

/** Nine anchors, each a list of nine aliases to the one before. */
const laughs = (key: (i: number) => string): string =>
  [`${key(0)}&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`, ...Array.from({ length: 9 }, (_, i) => `${key(i + 1)}&a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)].join('\n');

let m: MiniWorld;
beforeAll(() => {
  m = falcoWorld();
  m.put('/root/laughs.yaml', { data: `${laughs((i) => `- list: l${i}\n  items: `)}\n` });
  m.put('/root/deep.yaml', { data: `- list: l\n  items: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` });
  m.put('/root/laughs-config.yaml', { data: `stdout_output:\n  enabled: true\n${laughs((i) => `k${i}: `)}\nrules_file: *a9\n` });
});

describe('falco on YAML bombs', () => {
  it('-V refuses a rules file whose aliases expand without bound', async () => {
    const start = Date.now();
    const r = await falcoOnce(m, ['-V', '/root/laughs.yaml']);
    expect(Date.now() - start).toBeLessThan(3000);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        '/root/laughs.yaml: Invalid',
        '1 Errors:',
        'In rules content: (/root/laughs.yaml:0:0)',
        '    value for: (/root/laughs.yaml:9:14)',
        '------',
        `  items: &a4 [${Array(9).fill('*a3').join(', ')}]`,
        '              ^',
        '------',
        'LOAD_ERR_YAML_PARSE (YAML parse error): yaml-cpp: error at line 10, column 15: document contains excessive aliasing',
        '',
        '',
      ].join('\n'),
    );
  });

  it('start-up fails on a rules file nested deeper than yaml-cpp reads', async () => {
    const r = await falcoOnce(m, ['-r', '/root/deep.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: /root/deep.yaml: Invalid\n1 Errors:\n');
    expect(r.stderr).toContain('LOAD_ERR_YAML_PARSE (YAML parse error): yaml-cpp: error at line 2, column 507: bad file\n');
  });

  it('-c refuses a falco.yaml whose aliases expand without bound', async () => {
    const r = await falcoOnce(m, ['-c', '/root/laughs-config.yaml', '-L']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Cannot read config file \(\/root\/laughs-config\.yaml\): yaml-cpp: error at line \d+, column \d+: document contains excessive aliasing\nError: std::exception\n$/);
  });
});
