// Ubuntu's /usr/lib/command-not-found (the bash hook's helper): package suggestions for known commands,
// "did you mean" for near misses, plain `foo: command not found` otherwise; always exit 127.

import { FOCAL_ARCHIVE, FOCAL_SNAPS, installedPackages, isAdmin } from './lib/debian-pkgs';
import { UserDb } from './lib/users';
import type { Command, CommandContext } from './types';

/** Installed commands learners mistype, with the package command-not-found's database names. */
const INSTALLED_COMMANDS: Record<string, string> = {
  ls: 'coreutils', cat: 'coreutils', cp: 'coreutils', mv: 'coreutils', rm: 'coreutils', tee: 'coreutils', tr: 'coreutils', touch: 'coreutils', mkdir: 'coreutils',
  chmod: 'coreutils', chown: 'coreutils', head: 'coreutils', tail: 'coreutils', sort: 'coreutils', echo: 'coreutils', grep: 'grep', sed: 'sed', find: 'findutils',
  systemctl: 'systemd', journalctl: 'systemd', vim: 'vim', nano: 'nano', less: 'less', curl: 'curl', wget: 'wget', sudo: 'sudo', ssh: 'openssh-client',
  crictl: 'cri-tools', kubeadm: 'kubeadm', kubelet: 'kubelet', ps: 'procps', top: 'procps', kill: 'procps', mount: 'mount', lsof: 'lsof', strace: 'strace',
  ip: 'iproute2', ss: 'iproute2', tar: 'tar', gzip: 'gzip', diff: 'diffutils', awk: 'mawk', socat: 'socat',
};
const SNAP_ONLY: Record<string, { snap: string; version: string }> = { kubectl: { snap: 'kubectl', version: '1.26.1' }, helm: { snap: 'helm', version: '3.11.0' } };

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz-_0123456789';

/** CommandNotFound.similar_words: one deletion, transposition, replacement or insertion away. */
function similarWords(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) out.add(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const c of ALPHABET) {
      if (i < word.length) out.add(word.slice(0, i) + c + word.slice(i + 1));
      out.add(word.slice(0, i) + c + word.slice(i));
    }
  }
  out.delete(word);
  return out;
}

async function runCommandNotFound(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  const word = args[0] ?? '';
  const err = (s: string): void => ctx.stderr.write(`${s}\n`);
  if (word === '' || word.includes('/')) {
    err(`${word}: command not found`);
    return 127;
  }
  const db = UserDb.load(ctx.sys.fs);
  const root = ctx.process.euid === 0;
  const admin = root || isAdmin(ctx, (g) => db.groupName(g));
  const apt = root || !admin ? 'apt' : 'sudo apt';
  const snap = root || !admin ? 'snap' : 'sudo snap';
  const debs = FOCAL_ARCHIVE.filter((p) => p.commands.includes(word));
  const snapHit = FOCAL_SNAPS[word] ?? SNAP_ONLY[word];

  if (debs.length > 0 || snapHit) {
    err(`Command '${word}' not found, but can be installed with:`);
    err('');
    if (snapHit && debs.length > 0) {
      const width = Math.max(snapHit.snap.length, ...debs.map((d) => d.name.length));
      err(`${snap} install ${snapHit.snap.padEnd(width)}  # version ${snapHit.version}, or`);
      debs.forEach((d, i) => err(`${apt}  install ${d.name.padEnd(width)}  # version ${d.version}${i < debs.length - 1 ? ', or' : ''}`));
      err('');
      err(`See 'snap info ${snapHit.snap}' for additional versions.`);
    } else if (snapHit) {
      err(`${snap} install ${snapHit.snap}`);
    } else if (debs.length === 1) {
      err(`${apt} install ${debs[0].name}`);
    } else {
      const width = Math.max(...debs.map((d) => d.name.length));
      debs.forEach((d, i) => err(`${apt} install ${d.name.padEnd(width)}  # version ${d.version}${i < debs.length - 1 ? ', or' : ''}`));
    }
    if (!admin) err('Please ask your administrator.');
    return 127;
  }

  const near = similarWords(word);
  const versions = new Map(installedPackages(ctx.sys.fs).map((p) => [p.get('Package') ?? '', p.get('Version') ?? '']));
  const snaps: string[] = [];
  const debHits: string[] = [];
  for (const [cmd, s] of Object.entries(SNAP_ONLY)) if (near.has(cmd)) snaps.push(`  command '${cmd}' from snap ${s.snap} (${s.version})`);
  for (const p of FOCAL_ARCHIVE) for (const c of p.commands) if (near.has(c)) debHits.push(`  command '${c}' from deb ${p.name} (${p.version})`);
  for (const [cmd, pkg] of Object.entries(INSTALLED_COMMANDS)) {
    if (near.has(cmd)) debHits.push(`  command '${cmd}' from deb ${pkg}${versions.has(pkg) ? ` (${versions.get(pkg)})` : ''}`);
  }
  if (snaps.length === 0 && debHits.length === 0) {
    err(`${word}: command not found`);
    return 127;
  }
  err(`Command '${word}' not found, did you mean:`);
  err('');
  for (const l of [...snaps, ...debHits.slice(0, 15)]) err(l);
  err('');
  if (debHits.length === 0) err("See 'snap info <snapname>' for additional versions.");
  else err(`Try: ${apt} install <deb name>`);
  return 127;
}

export const commandNotFound: Command = { name: 'command-not-found', run: runCommandNotFound };
