// The image catalogue (assets/images/*/image.json plus built-in control-plane images), reference
// normalisation as containerd does it, and image root file systems built once per tree.

import type { SimNs } from '../../core/time';
import { createFilesystem, fsPut, type Filesystem } from '../../vfs';
import type { TreeEntry } from '../../world/assets/tree-spec';
import type { ImageConfig, PulledImage } from './state';

/** One image as assets/images/<name>/image.json describes it. */
export interface CatalogImage {
  name: string;
  repository: string;
  tag: string;
  aliases?: string[];
  digest: string;
  id: string;
  tree: string;
  config: ImageConfig & Record<string, unknown>;
  sizeBytes: number;
  /** Kept by the kubelet's image GC (the sandbox image). */
  pinned?: boolean;
}

/** What installKube needs from the assets. */
export interface KubeAssets {
  images: CatalogImage[];
  /** Resolved entries of assets/rootfs/<tree> (includes applied), or null when there is no such tree. */
  tree(name: string): TreeEntry[] | null;
}

export interface ImageRef {
  /** `docker.io/library/nginx` */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** `docker.io/library/nginx:latest` or `…@sha256:…` */
  full: string;
}

/** Docker reference normalisation: `nginx` → `docker.io/library/nginx:latest`. */
export function normalizeImageRef(ref: string): ImageRef | null {
  if (ref === '' || /\s/.test(ref) || ref !== ref.trim() || /[A-Z]/.test(ref.split(/[:@]/)[0] ?? '')) return null;
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) return null;
  }
  let tag: string | null = null;
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return null;
  }
  if (!/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/.test(rest.replace(/^[^/]+[.:][^/]*\//, 'host/'))) return null;
  const first = rest.split('/')[0]!;
  const hasHost = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasHost ? rest : `docker.io/${rest}`;
  if (!hasHost && !rest.includes('/')) repository = `docker.io/library/${rest}`;
  if (tag === null && digest === null) tag = 'latest';
  const full = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { repository, tag, digest, full };
}

const pauseLike = (name: string, program: string, extra: TreeEntry[] = []): TreeEntry[] => [
  { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/' },
  { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/usr' },
  { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/usr/local' },
  { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/usr/local/bin' },
  { type: 'exec', mode: 0o755, uid: 0, gid: 0, path: `/usr/local/bin/${name}`, program },
  { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/etc' },
  { type: 'dir', mode: 0o1777, uid: 0, gid: 0, path: '/tmp' },
  { type: 'dir', mode: 0o755, uid: 0, gid: 0, path: '/var' },
  ...extra,
];

const DISTROLESS_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/** Control-plane images kubeadm pulls, which assets/images does not ship: distroless, one binary each. */
export const BUILTIN_IMAGES: { image: CatalogImage; entries: TreeEntry[] }[] = [
  ['kube-apiserver', 'v1.26.1', '35.3MB'],
  ['kube-controller-manager', 'v1.26.1', '32.2MB'],
  ['kube-scheduler', 'v1.26.1', '17.5MB'],
  ['etcd', '3.5.6-0', '102MB'],
].map(([name, tag, size]) => {
  const bytes = Math.round(parseFloat(size!) * 1e6);
  return {
    image: {
      name: `registry.k8s.io/${name}:${tag}`,
      repository: `registry.k8s.io/${name}`,
      tag: tag!,
      digest: `sha256:${builtinHex(`${name}-digest`)}`,
      id: `sha256:${builtinHex(`${name}-id`)}`,
      tree: `builtin-${name}`,
      config: { Entrypoint: null as unknown as string[], Cmd: null as unknown as string[], Env: DISTROLESS_ENV, WorkingDir: '', User: '' },
      sizeBytes: bytes,
      pinned: false,
    },
    entries: pauseLike(name!, name!, name === 'etcd' ? [{ type: 'dir', mode: 0o700, uid: 0, gid: 0, path: '/var/lib' }] : []),
  };
});

function builtinHex(seed: string): string {
  let h = 2166136261;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ round, 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export class ImageCatalog {
  private readonly byName = new Map<string, CatalogImage>();
  private readonly builtinTrees = new Map<string, TreeEntry[]>();
  private readonly fsCache = new Map<string, Filesystem>();

  constructor(private readonly assets: KubeAssets) {
    for (const b of BUILTIN_IMAGES) {
      this.add(b.image);
      this.builtinTrees.set(b.image.tree, b.entries);
    }
    for (const img of assets.images) this.add(img);
  }

  private add(img: CatalogImage): void {
    for (const n of [img.name, ...(img.aliases ?? []), `${img.repository}@${img.digest}`]) this.byName.set(n, img);
  }

  /** The catalogue entry for a reference, or undefined (the registry has no such image). */
  lookup(ref: string): CatalogImage | undefined {
    const n = normalizeImageRef(ref);
    return n ? this.byName.get(n.full) : undefined;
  }

  /** A PulledImage record for the node's image store. */
  pulled(img: CatalogImage, at: SimNs): PulledImage {
    const tags = [img.name, ...(img.aliases ?? [])];
    return { id: img.id, repoTags: tags, repoDigests: [`${img.repository}@${img.digest}`], sizeBytes: img.sizeBytes, tree: img.tree, config: img.config, pulledAt: at };
  }

  /** The image's root file system, built once (callers clone it). */
  rootfs(tree: string): Filesystem {
    let fs = this.fsCache.get(tree);
    if (fs) return fs;
    fs = createFilesystem(`image:${tree}`, 'overlay', 0);
    const entries = this.builtinTrees.get(tree) ?? this.assets.tree(tree) ?? [];
    for (const e of entries) {
      if (e.path === '/') {
        fsPut(fs, '/', { type: 'dir', mode: e.mode, uid: e.uid, gid: e.gid }, 0);
        continue;
      }
      switch (e.type) {
        case 'dir':
          fsPut(fs, e.path, { type: 'dir', mode: e.mode, uid: e.uid, gid: e.gid }, 0);
          break;
        case 'file':
          fsPut(fs, e.path, { type: 'file', mode: e.mode, uid: e.uid, gid: e.gid, data: e.content ?? '' }, 0);
          break;
        case 'exec':
          fsPut(fs, e.path, { type: 'file', mode: e.mode, uid: e.uid, gid: e.gid, data: '', ...(e.program ? { program: e.program } : {}) }, 0);
          break;
        case 'symlink':
          fsPut(fs, e.path, { type: 'symlink', mode: 0o777, uid: e.uid, gid: e.gid, target: e.target ?? '' }, 0);
          break;
        case 'chardev':
          fsPut(fs, e.path, { type: 'chardev', mode: e.mode, uid: e.uid, gid: e.gid, rdev: [e.device?.major ?? 1, e.device?.minor ?? 3] }, 0);
          break;
      }
    }
    this.fsCache.set(tree, fs);
    return fs;
  }
}
