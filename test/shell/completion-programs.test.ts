// Tab with Ubuntu's bash-completion loaded by ~/.bashrc: ssh host names, systemctl verbs and units,
// journalctl units — through the lab's terminal and the TUI's line editor, as a learner presses Tab.
import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, type Lab } from '../../src/app/lab';
import { LabTerminal } from '../../src/app/terminal-session';
import { createLineEditor, reduceLineEditor } from '../../src/tui/line-editor';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const assets = loadWorldAssets();

interface Session {
  lab: Lab;
  session: LabTerminal;
  run(line: string): Promise<void>;
}

async function idle(lab: Lab, session: LabTerminal): Promise<void> {
  for (let i = 0; i < 200 && session.busy(); i++) {
    await lab.scheduler.quiesce();
    await settle();
  }
}

async function loggedIn(node = 'kube-worker-1'): Promise<Session> {
  const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
  const session = new LabTerminal({ columns: 100 });
  void lab.login(session.terminal, { node, user: 'vagrant', termType: 'dumb' });
  await idle(lab, session);
  return {
    lab,
    session,
    async run(line) {
      session.submit(line);
      await idle(lab, session);
    },
  };
}

/** The line after one Tab, as the TUI's line editor applies the session's answer. */
function tab(session: LabTerminal, line: string): string {
  let s = reduceLineEditor(createLineEditor(), { type: 'insert', text: line });
  s = reduceLineEditor(s, { type: 'tab' });
  const effect = s.effect;
  if (effect?.type !== 'complete') throw new Error('Tab asked for no completion');
  s = reduceLineEditor(s, { type: 'completion', ...session.complete(effect.line, effect.cursor) });
  return s.buffer;
}

const candidates = (session: LabTerminal, line: string): string[] => [...session.complete(line, line.length).candidates];

describe('ssh with bash-completion', () => {
  it('completes host names from /etc/hosts, keeping a user@ prefix', async () => {
    const { session } = await loggedIn();
    expect(tab(session, 'ssh kube-w')).toBe('ssh kube-worker-1 ');
    expect(tab(session, 'ssh kube-c')).toBe('ssh kube-control-plane ');
    expect(tab(session, 'ssh vagrant@kube-c')).toBe('ssh vagrant@kube-control-plane ');
    expect(candidates(session, 'ssh kube-')).toEqual(['kube-control-plane', 'kube-worker-1']);
    expect(candidates(session, 'ssh -')).toContain('-i');
  }, 30_000);

  it('adds unhashed known_hosts and ssh_config Host aliases', async () => {
    const s = await loggedIn();
    await s.run("printf 'Host cp\\n  HostName 192.168.56.10\\n' > ~/.ssh/config");
    await s.run("printf 'lab-bastion,10.0.0.9 ecdsa-sha2-nistp256 AAAA\\n|1|abc=|def= ssh-ed25519 AAAA\\n' > ~/.ssh/known_hosts");
    expect(tab(s.session, 'ssh c')).toBe('ssh cp ');
    expect(tab(s.session, 'ssh lab-')).toBe('ssh lab-bastion ');
  }, 30_000);

  it('works after sudo too, and is off in a shell that never loaded bash-completion (sudo su)', async () => {
    const s = await loggedIn();
    expect(tab(s.session, 'sudo ssh kube-w')).toBe('sudo ssh kube-worker-1 ');
    expect(tab(s.session, 'sudo systemctl resta')).toBe('sudo systemctl restart ');
    await s.run('sudo su');
    // root's .bashrc leaves bash-completion commented out: plain file-name completion.
    expect(candidates(s.session, 'ssh kube-w')).toEqual([]);
  }, 30_000);
});

describe('systemctl with bash-completion', () => {
  it('completes verbs, then the units each verb takes', async () => {
    const { session } = await loggedIn();
    expect(candidates(session, 'systemctl res')).toEqual(['rescue', 'reset-failed', 'restart']);
    expect(tab(session, 'systemctl resta')).toBe('systemctl restart ');
    expect(tab(session, 'systemctl restart fal')).toBe('systemctl restart falco');
    expect(candidates(session, 'systemctl restart falco')).toEqual(['falco.service', 'falco_inject_kmod.service']);
    expect(tab(session, 'systemctl status kubel')).toBe('systemctl status kubelet.service ');
    // start offers what is not running; stop what is.
    expect(candidates(session, 'systemctl start fal')).toEqual(['falco_inject_kmod.service']);
    expect(candidates(session, 'systemctl stop fal')).toEqual(['falco.service']);
    expect(candidates(session, 'systemctl --no-p')).toEqual(['--no-pager']);
  }, 30_000);

  it('follows the units as they change state', async () => {
    const s = await loggedIn();
    await s.run('sudo systemctl stop falco');
    expect(candidates(s.session, 'systemctl start fal')).toEqual(['falco.service', 'falco_inject_kmod.service']);
    expect(candidates(s.session, 'systemctl stop fal')).toEqual([]);
  }, 30_000);
});

describe('journalctl with bash-completion', () => {
  it('completes -u from the units in the journal the user may read (journalctl -F _SYSTEMD_UNIT)', async () => {
    const s = await loggedIn();
    // vagrant is not in adm or systemd-journal: its own journal has no falco.service.
    expect(candidates(s.session, 'journalctl -u fal')).toEqual([]);
    await s.run('sudo -i');
    expect(tab(s.session, 'journalctl -u fal')).toBe('journalctl -u falco.service ');
    expect(tab(s.session, 'journalctl -t kube')).toBe('journalctl -t kubelet ');
    expect(tab(s.session, 'journalctl -o json-p')).toBe('journalctl -o json-pretty ');
    expect(tab(s.session, 'journalctl _SYSTEMD_U')).toBe('journalctl _SYSTEMD_UNIT=');
  }, 30_000);
});
