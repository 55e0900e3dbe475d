import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { miniWorld } from '../../helpers/mini-world';
import { extraCommands } from '../../../src/commands/extra-set';
import { coreCommands } from '../../../src/commands/core-set';
import { parseAwk } from '../../../src/commands/lib/awk-grammar';
import { AwkSyntaxError } from '../../../src/commands/lib/awk-parse';
import { formatG } from '../../../src/commands/lib/awk-value';
import { dash } from '../../../src/commands/shell/bash';

const PS = `USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
root           1  0.0  0.5 169452 11020 ?        Ss   18:00   0:02 /sbin/init
root         612  1.2  4.9 1932468 99784 ?       Ssl  18:00   0:09 /usr/bin/kubelet
root        8718  0.8  6.1 1215304 124000 ?      Ssl  18:01   0:05 /usr/bin/falco --pidfile=/var/run/falco.pid
`;

async function awk(args: string[], stdin = PS) {
  const w = miniWorld([...coreCommands, ...extraCommands, dash]);
  w.put('/usr/bin/sh', { type: 'symlink', target: 'dash' });
  w.put('/etc/passwd', { data: 'root:x:0:0:root:/root:/bin/bash\nvagrant:x:1000:1000:,,,:/home/vagrant:/bin/bash\n' });
  return w.run(['awk', ...args], { stdin });
}

describe('awk programs', () => {
  it.each([
    [['{print $2}'], 'PID\n1\n612\n8718\n'],
    [['NR>1 {print $2, $11}'], '1 /sbin/init\n612 /usr/bin/kubelet\n8718 /usr/bin/falco\n'],
    [['/falco/ {print $NF}'], '--pidfile=/var/run/falco.pid\n'],
    [['$3 > 1.0 {n++} END {print n+0}'], '1\n'],
    [['NR==2, NR==3 {print NR}'], '2\n3\n'],
    [['{s += $6} END {printf "%d KiB in %d processes\\n", s, NR-1}'], '234804 KiB in 3 processes\n'],
    [['-F:', '{print $1 "=" $3}', '/etc/passwd'], 'root=0\nvagrant=1000\n'],
    [['-v', 'x=5', 'BEGIN {print x * 2, length("abc"), substr("kubelet", 1, 4), index("falco", "l")}'], '10 3 kube 3\n'],
    [['BEGIN {n = split("a:b:c", p, ":"); for (i = n; i > 0; i--) printf "%s ", p[i]; print ""}'], 'c b a \n'],
    [['BEGIN {s = "hello world"; gsub(/o/, "0", s); sub(/^h/, "H", s); print s, toupper("x"), tolower("Y")}'], 'Hell0 w0rld X y\n'],
    [['BEGIN {print 1/3, 10/2, 2^10, 1e6, 123456789012}'], '0.333333 5 1024 1000000 123456789012\n'],
    [['BEGIN {if (match("pid=8718", /[0-9]+/)) print RSTART, RLENGTH}'], '5 4\n'],
    [['{c[$1]++} END {for (u in c) print u, c[u]}'], 'USER 1\nroot 3\n'],
    [['NR==1 {next} {print $1; exit 3} END {print "end"}'], 'root\nend\n'],
    [['BEGIN {printf "%-5s|%5.2f|%03d|%x|%c\\n", "ab", 3.14159, 7, 255, 65}'], 'ab   | 3.14|007|ff|A\n'],
    [['function twice(v) { return v * 2 } BEGIN { print twice(21) }'], '42\n'],
    [['function fill(a, n) { a["x"] = n; n = 0 } BEGIN { v = 7; fill(arr, v); print arr["x"], v, length(arr) }'], '7 7 1\n'],
    [['BEGIN { while (i < 3) { i++; if (i == 2) continue; print i } }'], '1\n3\n'],
    [['{ $2 = "X"; print; print NF }', '-'], 'a X c\n3\n'],
    [['BEGIN { "echo hi" | getline v; print "got " v }'], 'got hi\n'],
    [['"10" < "9" { print "string" } 10 < 9 { print "num" }'], 'string\n'],
    [['$1 < $2 { print "numeric fields" }'], 'numeric fields\n'],
  ])('%j', async (args, out) => {
    const stdin = args.includes('-') ? 'a b c\n' : args[0]?.startsWith('$1 < $2') ? '9 10\n' : args[0]?.startsWith('"10"') ? 'x\n' : PS;
    const r = await awk(args, stdin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(out);
  });

  it('exit status comes from exit', async () => {
    expect((await awk(['NR==2 {exit 3}'])).status).toBe(3);
  });

  it.each([
    [['{print $1'], "awk: line 1: syntax error at or near end of file\n"],
    [['BEGIN {print 1 +}'], 'awk: line 1: syntax error at or near }\n'],
    [['BEGIN'], 'awk: line 1: syntax error at or near end of file\n'],
    [[], "usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\nusage: awk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n"],
    [['{print}', '/nonexistent'], 'awk: cannot open /nonexistent (No such file or directory)\n'],
    [['BEGIN {print 1/0}'], 'awk: run time error: division by zero\n\tFILENAME="" FNR=0 NR=0\n'],
  ])('%j fails with exit 2', async (args, err) => {
    const r = await awk(args);
    expect([r.status, r.stderr]).toEqual([2, err]);
  });

  it('never throws on arbitrary program text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (src) => {
        try {
          parseAwk(src);
        } catch (e) {
          if (!(e instanceof AwkSyntaxError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [0.1, '0.1'],
    [1 / 3, '0.333333'],
    [1234567.8, '1.23457e+06'],
    [0.00001234, '1.234e-05'],
    [100, '100'],
  ])('%%.6g of %d is %s', (n, s) => {
    expect(formatG(n, 6)).toBe(s);
  });
});
