// Foreground falco in the terminal stops on Ctrl-C the way 0.33.1 does: its shutdown lines, then
// exit status 0 (it catches SIGINT), which the shell's $? shows through sudo and bash -c too.
import { describe, expect, it } from 'vitest';
import { runHeadless } from '../../src/app/headless';
import { bootFalcoLab } from './lab-wiring';

/** The transcript of typed lines on the worker; a foreground job still running after a second gets ^C. */
async function onWorker(lines: string[], before: string[] = []): Promise<string> {
  const lab = await bootFalcoLab();
  let out = '';
  await runHeadless(lab, [...before, 'ssh kube-worker-1', ...lines], { echo: true, write: (s) => (out += s) });
  return out.slice(out.indexOf('$ ssh kube-worker-1'));
}

describe('falco in the foreground, interrupted with Ctrl-C', () => {
  it('prints its shutdown lines and exits 0, so echo $? prints 0', async () => {
    const out = await onWorker(['sudo falco', 'echo "status=$?"']);
    const run = out.slice(out.indexOf('$ sudo falco\n'));
    expect(run).toMatch(
      /Opening capture with Kernel module\n\^C\w{3} \w{3} \d\d \d\d:\d\d:\d\d 2023: SIGINT received, exiting\.\.\.\nEvents detected: 0\nRule counts by severity:\nTriggered rules by rule name:\nSyscall event drop monitoring:\n {3}- event drop detected: 0 occurrences\n {3}- num times actions taken: 0\n\nvagrant@kube-worker-1:~\$ echo "status=\$\?"\nstatus=0\n/,
    );
  }, 30_000);

  it('counts the alerts it printed before the interrupt', async () => {
    // A pod appending to /etc/threat every second: one write while falco runs in the foreground.
    const pod = `kubectl run writer --image=alpine:3.17.1 -- /bin/sh -c 'while true; do echo x >> /etc/threat; sleep 1; done'`;
    const out = await onWorker(['sudo falco 2>/dev/null', 'echo "status=$?"'], [pod, 'sleep 8']);
    expect(out).toMatch(
      /\$ sudo falco 2>\/dev\/null\n(\d\d:\d\d:\d\d\.\d{9}: Error File below \/etc opened for writing \(.*\)\n)+\^CEvents detected: (\d+)\nRule counts by severity:\n {3}ERROR: \2\nTriggered rules by rule name:\n {3}Write below etc: \2\n\n\S+\$ echo "status=\$\?"\nstatus=0\n/,
    );
  }, 30_000);

  it.each([
    ['as root, without sudo', ['sudo -i', 'falco 2>/dev/null', 'echo "status=$?"']],
    ['under bash -c', ['sudo bash -c "falco 2>/dev/null"', 'echo "status=$?"']],
  ])('exits 0 %s', async (_how, lines) => {
    const out = await onWorker(lines);
    expect(out).toMatch(/\^CEvents detected: 0\n[^]*[$#] echo "status=\$\?"\nstatus=0\n/);
  }, 30_000);

  it('a program that does not catch SIGINT still dies of it (130), with or without sudo', async () => {
    const out = await onWorker(['tail -f /dev/null', 'echo "status=$?"', 'sudo tail -f /dev/null', 'echo "status=$?"']);
    expect(out.match(/^status=\d+$/gm)).toEqual(['status=130', 'status=130']);
  }, 30_000);
});
