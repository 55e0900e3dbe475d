// `systemctl reload`: a job only units with ExecReload= can do, as systemd 245 decides it.
import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab } from '../../src/app/lab';
import { runHeadless } from '../../src/app/headless';

async function onWorker(lines: string[]): Promise<string> {
  const lab = await bootLab(loadWorldAssets(), { seed: 3, bootSeconds: 2 });
  let out = '';
  await runHeadless(lab, lines, { echo: true, write: (s) => (out += s), node: 'kube-worker-1' });
  return out;
}

describe('systemctl reload', () => {
  it('refuses units without ExecReload= (falco, cron), exit 1, and leaves Falco running as it was', async () => {
    const out = await onWorker(['sudo systemctl reload falco', 'echo $?', 'sudo systemctl reload cron.service', 'echo $?', 'sudo journalctl -u falco --no-pager | grep -c SIGHUP']);
    expect(out).toContain(
      [
        '$ sudo systemctl reload falco',
        'Failed to reload falco.service: Job type reload is not applicable for unit falco.service.',
        'vagrant@kube-worker-1:~$ echo $?',
        '1',
        'vagrant@kube-worker-1:~$ sudo systemctl reload cron.service',
        'Failed to reload cron.service: Job type reload is not applicable for unit cron.service.',
        'vagrant@kube-worker-1:~$ echo $?',
        '1',
      ].join('\n'),
    );
    expect(out).toMatch(/grep -c SIGHUP\n0\n/);
  }, 60_000);

  it("runs ssh.service's ExecReload= and logs Reloading/Reloaded; an inactive unit cannot be reloaded", async () => {
    const out = await onWorker(['sudo systemctl reload ssh', 'echo $?', 'sudo journalctl -u ssh --no-pager | grep Reload', 'sudo systemctl stop ssh', 'sudo systemctl reload ssh', 'echo $?']);
    expect(out).toMatch(/reload ssh\nvagrant@kube-worker-1:~\$ echo \$\?\n0\n/);
    expect(out).toMatch(/^Jan 24 \d\d:\d\d:\d\d kube-worker-1 systemd\[1\]: Reloading OpenBSD Secure Shell server\.\nJan 24 \d\d:\d\d:\d\d kube-worker-1 systemd\[1\]: Reloaded OpenBSD Secure Shell server\.$/m);
    expect(out).toMatch(/\$ sudo systemctl reload ssh\nssh\.service is not active, cannot reload\.\nvagrant@kube-worker-1:~\$ echo \$\?\n1\n/);
  }, 60_000);

  it('reads ExecReload= from drop-ins too, after daemon-reload', async () => {
    const out = await onWorker([
      'sudo mkdir -p /etc/systemd/system/cron.service.d',
      "printf '[Service]\\nExecReload=/bin/kill -HUP $MAINPID\\n' | sudo tee /etc/systemd/system/cron.service.d/reload.conf",
      'sudo systemctl daemon-reload',
      'sudo systemctl reload cron',
      'echo $?',
    ]);
    expect(out).toMatch(/reload cron\nvagrant@kube-worker-1:~\$ echo \$\?\n0\n/);
  }, 60_000);
});
