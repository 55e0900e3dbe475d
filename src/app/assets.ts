// Reads the package's assets/ folder (host files) into the plain data the world builder needs.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTree, formatTreeSpecError } from '../world/assets/tree-spec';
import type { TreeEntry } from '../world/assets/tree-spec';
import type { ExtraFile, NodeAsset, UnitAsset, WorldAssets } from '../world/build';
import { assetsDir } from './paths';
import type { CatalogImage, KubeAssets } from '../kube';

function reader(root: string): (rel: string) => string | null {
  return (rel) => {
    const p = join(root, rel);
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  };
}

const treeCache = new Map<string, TreeEntry[]>();

export function loadTree(name: string, dir = assetsDir()): TreeEntry[] {
  const cached = treeCache.get(name);
  if (cached) return cached;
  const r = resolveTree(name, reader(join(dir, 'rootfs')));
  if (!r.ok) throw new Error(`assets: tree ${name}: ${r.errors.map(formatTreeSpecError).join('; ')}`);
  treeCache.set(name, r.entries);
  return r.entries;
}

type RawUnit = Partial<Omit<UnitAsset, 'restartSec' | 'restart'>> & { name: string; active?: boolean; restartSec?: number | null; restart?: UnitAsset['restart'] | null };

interface RawNode {
  hostname: string;
  ip: string;
  tree: string;
  units?: RawUnit[];
  cpus?: number;
  memoryMiB?: number;
  os?: { kernelRelease?: string };
  interfaces?: { name: string; addresses: string[]; mac?: string; gateway?: string }[];
}

function toUnit(u: RawUnit): UnitAsset {
  const name = u.name.includes('.') ? u.name : `${u.name}.service`;
  return {
    name,
    description: u.description ?? name,
    fragmentPath: u.fragmentPath ?? `/lib/systemd/system/${name}`,
    execStart: u.execStart ?? [],
    enabled: u.enabled ?? true,
    restart: u.restart ?? 'no',
    // systemd's default RestartSec= is 100 ms.
    restartSec: u.restartSec ?? 0.1,
    docs: u.docs ?? [],
    startAtBoot: u.active ?? u.enabled ?? false,
    type: u.type ?? 'simple',
  };
}

/** Files from other asset folders placed on nodes: Falco's config and rules, kubeadm manifests. */
function extraFiles(dir: string): ExtraFile[] {
  const out: ExtraFile[] = [];
  const place = (node: string, from: string, to: string): void => {
    if (!existsSync(from)) return;
    for (const f of readdirSync(from, { withFileTypes: true })) {
      if (f.isDirectory()) place(node, join(from, f.name), `${to}/${f.name}`);
      else out.push({ node, path: `${to}/${f.name}`, content: readFileSync(join(from, f.name), 'utf8'), mode: 0o644, uid: 0, gid: 0 });
    }
  };
  place('kube-worker-1', join(dir, 'falco'), '/etc/falco');
  place('kube-control-plane', join(dir, 'kubernetes', 'manifests'), '/etc/kubernetes/manifests');
  for (const f of out) if (f.path.startsWith('/etc/kubernetes/manifests/')) f.mode = 0o600;
  return out;
}

export function loadWorldAssets(dir = assetsDir()): WorldAssets {
  const nodesDir = join(dir, 'nodes');
  const nodes: NodeAsset[] = readdirSync(nodesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(nodesDir, f), 'utf8')) as RawNode;
      const node: NodeAsset = { hostname: raw.hostname, ip: raw.ip, tree: raw.tree, units: (raw.units ?? []).map(toUnit) };
      if (raw.cpus && raw.memoryMiB && raw.interfaces) {
        node.facts = { cpus: raw.cpus, memoryMiB: raw.memoryMiB, kernelRelease: raw.os?.kernelRelease ?? '5.4.0-137-generic', interfaces: raw.interfaces };
      }
      return node;
    });
  return { nodes, tree: (name) => loadTree(name, dir), extraFiles: extraFiles(dir) };
}

/** The image catalogue and trees the container runtime needs (trees are read when first used). */
export function loadKubeAssets(dir = assetsDir()): KubeAssets {
  const imagesDir = join(dir, 'images');
  const images: CatalogImage[] = existsSync(imagesDir)
    ? readdirSync(imagesDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(imagesDir, d.name, 'image.json')))
        .map((d) => JSON.parse(readFileSync(join(imagesDir, d.name, 'image.json'), 'utf8')) as CatalogImage)
    : [];
  return {
    images,
    tree: (name) => (existsSync(join(dir, 'rootfs', name, 'tree.txt')) ? loadTree(name, dir) : null),
  };
}
