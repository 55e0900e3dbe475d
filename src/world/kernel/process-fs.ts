// A process's view of files: the VFS under its credentials and mounts, emitting a syscall event per call.

import { ERRNO_NUMBER, isVfsError, resolvePath, Vfs, type MountTable, type OpenFlags } from '../../vfs';
import type { FileHandle, ProcessFs } from './program';
import { openFlagsText, type FdInfo, type SyscallType } from '../events';
import type { SimNs } from '../../core/time';

export type EmitFn = (type: SyscallType, res: number, args: Record<string, string | number>, fd?: FdInfo) => void;

/** Device files the kernel implements itself. */
export interface DeviceHooks {
  /** Writes to a character device (e.g. /dev/null discards, a pts writes to the terminal). */
  write(rdev: [number, number], text: string): void;
  read(rdev: [number, number]): string;
}

export class ProcessFsImpl implements ProcessFs {
  private nextFd = 3;
  constructor(
    private readonly vfs: Vfs,
    private readonly emit: EmitFn,
    private readonly devices: DeviceHooks,
    private readonly mountTable: MountTable,
  ) {}

  private abs(p: string): string {
    return resolvePath(this.vfs.cwd, p);
  }

  /**
   * A path argument as libsinsp renders it (evt.arg.*): an absolute path exactly as the program
   * passed it (`/etc/../etc/shadow` stays, which Falco's directory-traversal rule relies on), a
   * relative one joined to the cwd and normalised. fd.name is always the normalised path.
   */
  private argPath(p: string): string {
    return p.startsWith('/') ? p : this.abs(p);
  }

  /** Run a VFS call, emitting its event with success or -errno, rethrowing errors to the program. */
  private call<T>(type: SyscallType, args: Record<string, string | number>, f: () => T, fd?: FdInfo): T {
    try {
      const v = f();
      this.emit(type, 0, args, fd);
      return v;
    } catch (e) {
      if (isVfsError(e)) this.emit(type, -ERRNO_NUMBER[e.code], args, fd);
      throw e;
    }
  }

  stat(path: string) {
    return this.vfs.stat(path);
  }
  lstat(path: string) {
    return this.vfs.lstat(path);
  }
  exists(path: string) {
    return this.vfs.exists(path);
  }

  open(path: string, flags: OpenFlags, mode = 0o666): FileHandle {
    const name = this.abs(path);
    const argName = this.argPath(path);
    const fdNum = this.nextFd++;
    const flagText = openFlagsText(flags);
    let h;
    try {
      h = this.vfs.open(path, flags, mode);
    } catch (e) {
      if (isVfsError(e)) this.emit('openat', -ERRNO_NUMBER[e.code], { dirfd: -100, name: argName, flags: flagText, mode }, { num: -1, type: 'file', name, nameRaw: path });
      throw e;
    }
    const fdType = h.type === 'dir' ? 'directory' : 'file';
    this.emit('openat', fdNum, { dirfd: -100, name: argName, flags: flagText, mode }, { num: fdNum, type: fdType, name, nameRaw: path });
    const vfs = this.vfs;
    const devices = this.devices;
    const emit = this.emit;
    let open = true;
    return {
      path: name,
      read: () => (h.type === 'chardev' && h.rdev ? devices.read(h.rdev) : vfs.readHandle(h)),
      write: (text: string) => {
        if (h.type === 'chardev' && h.rdev) devices.write(h.rdev, text);
        else vfs.writeHandle(h, text);
      },
      // close(2) is an event of its own: inotify's IN_CLOSE_WRITE (Falco's watch_config_files) fires on it.
      close: () => {
        if (!open) return;
        open = false;
        emit('close', 0, { fd: fdNum }, { num: fdNum, type: fdType, name });
      },
    };
  }

  readFile(path: string): string {
    const h = this.open(path, { read: true });
    try {
      return h.read();
    } finally {
      h.close();
    }
  }

  writeFile(path: string, data: string, opts: { append?: boolean; mode?: number } = {}): void {
    const flags: OpenFlags = opts.append ? { write: true, create: true, append: true } : { write: true, create: true, trunc: true };
    const h = this.open(path, flags, opts.mode ?? 0o666);
    h.write(data);
    h.close();
  }

  readdir(path: string): string[] {
    const name = this.abs(path);
    return this.call('openat', { dirfd: -100, name, flags: 'O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_CLOEXEC' }, () => this.vfs.readdir(path), {
      num: this.nextFd++,
      type: 'directory',
      name,
    });
  }

  mkdir(path: string, mode = 0o777): void {
    this.call('mkdir', { path: this.argPath(path), mode }, () => this.vfs.mkdir(path, mode));
  }
  rmdir(path: string): void {
    this.call('rmdir', { path: this.argPath(path) }, () => this.vfs.rmdir(path));
  }
  unlink(path: string): void {
    this.call('unlinkat', { dirfd: -100, name: this.argPath(path), flags: 0 }, () => this.vfs.unlink(path));
  }
  rename(from: string, to: string): void {
    this.call('renameat', { olddirfd: -100, oldpath: this.argPath(from), newdirfd: -100, newpath: this.argPath(to) }, () => this.vfs.rename(from, to));
  }
  symlink(target: string, path: string): void {
    this.call('symlinkat', { target, linkdirfd: -100, linkpath: this.argPath(path) }, () => this.vfs.symlink(target, path));
  }
  link(existing: string, path: string): void {
    this.call('linkat', { olddir: -100, oldpath: this.argPath(existing), newdir: -100, newpath: this.argPath(path) }, () => this.vfs.link(existing, path));
  }
  readlink(path: string): string {
    return this.vfs.readlink(path);
  }
  realpath(path: string): string {
    return this.vfs.realpath(path);
  }
  chmod(path: string, mode: number): void {
    this.call('fchmodat', { dirfd: -100, filename: this.argPath(path), mode }, () => this.vfs.chmod(path, mode));
  }
  chown(path: string, uid: number, gid: number): void {
    this.call('chown', { path: this.argPath(path), uid, gid }, () => this.vfs.chown(path, uid, gid));
  }
  utimes(path: string, mtime: SimNs): void {
    this.call('utimensat', { dirfd: -100, path: this.argPath(path) }, () => this.vfs.utimes(path, mtime));
  }
  access(path: string, bits: number): void {
    this.vfs.access(path, bits);
  }
  mountOf(path: string) {
    const m = this.vfs.mountOf(path);
    return { target: m.target, readOnly: m.readOnly, source: m.source, fstype: m.fstype };
  }
  mounts() {
    return this.mountTable.mounts.map((m) => ({ target: m.target, readOnly: m.readOnly, source: m.source, fstype: m.fstype }));
  }
}
