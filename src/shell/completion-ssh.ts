// bash-completion 2.10's `_ssh` and `_known_hosts_real`: options, option arguments, and host names
// from ssh_config `Host` aliases, unhashed known_hosts entries and /etc/hosts (`compgen -A hostname`,
// on unless COMP_KNOWN_HOSTS_WITH_HOSTFILE is set empty).

import { dequote, type Completion, type CompletionWords } from './completion-words';
import { matching, passwdNames, type CompletionEnv } from './completion-env';

const SSH_OPTIONS = [
  '-4', '-6', '-A', '-a', '-B', '-b', '-C', '-c', '-D', '-E', '-e', '-F', '-f', '-G', '-g', '-I', '-i', '-J', '-K', '-k', '-L', '-l', '-M',
  '-m', '-N', '-n', '-O', '-o', '-p', '-Q', '-q', '-R', '-S', '-s', '-T', '-t', '-V', '-v', '-W', '-w', '-X', '-x', '-Y', '-y',
];
/** Options whose argument follows as the next word (the host is not among them). */
const TAKES_ARG = /^-[46AaCfGgKkMNnqsTtVvXxYy]*[BbcDEeFIiJLlmOopQRSWw]$/;

function homeOf(env: CompletionEnv): string {
  return env.state.vars.HOME?.value ?? '/';
}

function expandTilde(env: CompletionEnv, path: string): string {
  return path.startsWith('~/') ? `${homeOf(env)}${path.slice(1)}` : path;
}

/** `Host` aliases without patterns, and the known_hosts files the configuration names. */
function sshConfig(env: CompletionEnv): { aliases: string[]; knownHosts: string[] } {
  const aliases: string[] = [];
  const knownHosts: string[] = [];
  for (const file of ['/etc/ssh/ssh_config', `${homeOf(env)}/.ssh/config`]) {
    const text = env.sources?.readText(file);
    if (!text) continue;
    for (const raw of text.split('\n')) {
      const m = /^\s*(\w+)(?:\s*=\s*|\s+)(.+?)\s*$/.exec(raw);
      if (!m || raw.trimStart().startsWith('#')) continue;
      const key = m[1]!.toLowerCase();
      const values = m[2]!.split(/\s+/);
      if (key === 'host') aliases.push(...values.filter((v) => !/[*?!]/.test(v)));
      else if (key === 'userknownhostsfile' || key === 'globalknownhostsfile') knownHosts.push(...values.map((v) => expandTilde(env, v)));
    }
  }
  return { aliases, knownHosts };
}

/** Host names of a known_hosts file; hashed entries (HashKnownHosts, Ubuntu's default) give nothing. */
function knownHostNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const first = line.trim().split(/\s+/)[0] ?? '';
    if (first === '' || first.startsWith('#') || first.startsWith('@') || first.startsWith('|')) continue;
    for (const h of first.split(',')) {
      const name = h.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1');
      if (!/[*?!]/.test(name)) out.push(name);
    }
  }
  return out;
}

/** `compgen -A hostname`: every name after the address on each /etc/hosts line ($HOSTFILE if set). */
function hostFileNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length >= 2) out.push(...fields.slice(1));
  }
  return out;
}

/** `_known_hosts_real -a -- cur`: `user@` in what is typed is kept in front of every host. */
export function hostCandidates(env: CompletionEnv, typed: string): string[] {
  const at = typed.lastIndexOf('@');
  const user = at >= 0 ? typed.slice(0, at + 1) : '';
  const cur = typed.slice(at + 1);
  const { aliases, knownHosts } = sshConfig(env);
  const names = [...aliases];
  const files = knownHosts.length > 0 ? knownHosts : [`${homeOf(env)}/.ssh/known_hosts`, `${homeOf(env)}/.ssh/known_hosts2`, '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
  for (const f of files) names.push(...knownHostNames(env.sources?.readText(f) ?? ''));
  if ((env.state.vars.COMP_KNOWN_HOSTS_WITH_HOSTFILE?.value ?? '1') !== '') {
    names.push(...hostFileNames(env.sources?.readText(env.state.vars.HOSTFILE?.value || '/etc/hosts') ?? ''));
  }
  return matching(names, cur).map((h) => `${user}${h}`);
}

export function sshCompletion(env: CompletionEnv, w: CompletionWords): Completion | 'default' {
  const cur = dequote(w.current.raw);
  const start = w.current.start;
  const prev = w.words.length > 1 ? w.words[w.words.length - 1]! : '';
  if (TAKES_ARG.test(prev)) {
    const opt = prev[prev.length - 1]!;
    if ('EFiS'.includes(opt)) return 'default';
    if (opt === 'l') return { start, candidates: matching(passwdNames(env), cur) };
    if (opt === 'J') return { start, candidates: hostCandidates(env, cur) };
    return { start, candidates: [] };
  }
  if (cur.startsWith('-')) return { start, candidates: matching(SSH_OPTIONS, cur) };
  let args = 0;
  for (let i = 1; i < w.words.length; i++) {
    const word = w.words[i]!;
    if (TAKES_ARG.test(word)) i++;
    else if (!word.startsWith('-')) args++;
  }
  const hosts = hostCandidates(env, cur);
  // After the host comes the remote command: command names are offered as well.
  if (args === 0) return { start, candidates: hosts };
  const commands = env.complete({ ...w, words: [], commandPosition: true }).candidates;
  return { start, candidates: [...new Set([...hosts, ...commands])].sort() };
}
