// Builds a fresh World from asset data: node root file systems from trees, units, boot processes.

import { createFilesystem, fsPut, type Filesystem, type PutEntry } from '../vfs';
import type { TreeEntry } from './assets/tree-spec';
import type { UnitState } from './systemd/unit';
import { WORLD_VERSION, type NodeFacts, type NodeState, type World } from './world';

export interface UnitAsset {
  name: string;
  description: string;
  fragmentPath: string;
  execStart: string[];
  enabled: boolean;
  restart: 'no' | 'always' | 'on-failure';
  restartSec: number;
  docs: string[];
  /** Running after boot (enabled units, plus static ones such as journald). */
  startAtBoot: boolean;
  type: 'simple' | 'notify' | 'forking' | 'oneshot';
}

export interface NodeAsset {
  hostname: string;
  ip: string;
  tree: string;
  units: UnitAsset[];
  facts?: NodeFacts;
}

/** A file placed on a node after its tree (Falco's config and rules, kubeadm manifests). */
export interface ExtraFile {
  node: string;
  path: string;
  content: string;
  mode: number;
  uid: number;
  gid: number;
}

export interface WorldAssets {
  nodes: NodeAsset[];
  /** Resolved tree entries by tree name. */
  tree(name: string): TreeEntry[];
  extraFiles: ExtraFile[];
}

/** The lab's wall-clock start: the chapter's transcripts were taken on 24 January 2023. */
export const DEFAULT_EPOCH_MS = Date.UTC(2023, 0, 24, 17, 55, 0);

export function putTree(fs: Filesystem, entries: TreeEntry[], now = 0): void {
  for (const e of entries) fsPut(fs, e.path, treeEntryToPut(e), now);
}

export function treeEntryToPut(e: TreeEntry): PutEntry {
  const base = { mode: e.mode, uid: e.uid, gid: e.gid };
  switch (e.type) {
    case 'dir':
      return { ...base, type: 'dir' };
    case 'file':
      return { ...base, type: 'file', data: e.content ?? '' };
    case 'exec':
      return { ...base, type: 'file', data: '', program: e.program! };
    case 'symlink':
      return { ...base, type: 'symlink', target: e.target! };
    case 'chardev':
      return { ...base, type: 'chardev', rdev: [e.device!.major, e.device!.minor] };
  }
}

export function emptyWorld(seed: number, epochMs = DEFAULT_EPOCH_MS): World {
  return {
    version: WORLD_VERSION,
    seed,
    rng: seed,
    clock: { epochMs, now: 0 },
    timers: [],
    nextTimerId: 1,
    fs: {},
    nodes: {},
    kube: {},
    ext: {},
  };
}

export function buildWorld(assets: WorldAssets, seed: number, epochMs = DEFAULT_EPOCH_MS): World {
  const world = emptyWorld(seed, epochMs);
  for (const n of assets.nodes) {
    const fs = createFilesystem(`${n.hostname}:root`, 'ext4', 0);
    putTree(fs, assets.tree(n.tree));
    for (const f of assets.extraFiles.filter((x) => x.node === n.hostname)) {
      fsPut(fs, f.path, { type: 'file', mode: f.mode, uid: f.uid, gid: f.gid, data: f.content }, 0);
    }
    world.fs[fs.id] = fs;
    const node: NodeState = {
      hostname: n.hostname,
      ip: n.ip,
      mounts: { mounts: [{ target: '/', fsId: fs.id, rootIno: fs.rootIno, readOnly: false, source: '/dev/sda1', fstype: 'ext4' }] },
      procs: {},
      nextPid: 1,
      units: {},
      journal: [],
      nextJournalSeq: 1,
      bootTime: 0,
      containers: {},
      nextEventNum: 1,
      ...(n.facts ? { facts: n.facts } : {}),
    };
    // pid 1 and a few kernel threads exist before any unit starts, as `ps` shows on a real node.
    const boot = (argv: string[], comm: string): void => {
      const pid = node.nextPid++;
      node.procs[pid] = {
        pid, ppid: pid === 1 ? 0 : 2, sid: pid, pgid: pid, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1,
        tty: null, cwd: '/', argv, exe: argv[0]!.startsWith('/') ? argv[0]! : '', comm, env: {}, containerId: null,
        startTime: 0, state: 'S', vsz: pid === 1 ? 103944 : 0, rss: pid === 1 ? 11200 : 0,
      };
    };
    boot(['/sbin/init'], 'systemd');
    boot(['[kthreadd]'], 'kthreadd');
    boot(['[rcu_gp]'], 'rcu_gp');
    node.nextPid = 400 + Math.floor(seed % 97);
    for (const u of n.units) node.units[u.name] = unitFromAsset(u);
    world.nodes[n.hostname] = node;
  }
  return world;
}

function unitFromAsset(u: UnitAsset): UnitState {
  return {
    name: u.name,
    description: u.description,
    fragmentPath: u.fragmentPath,
    enabled: u.enabled,
    execStart: u.execStart,
    activeState: 'inactive',
    subState: 'dead',
    mainPid: null,
    since: 0,
    result: 'success',
    exitStatus: null,
    restart: u.restart,
    restartSec: u.restartSec,
    docs: u.docs,
    startAtBoot: u.startAtBoot,
    type: u.type,
  };
}
