// Public surface of the virtual file system.
export * from './types';
export * from './errors';
export * from './path';
export { Vfs, type OpenFile, type OpenFlags, type VfsContext } from './vfs';
export { createFilesystem, fsPut, dropLink, cloneFilesystem, allocInode, byteLength, type PutEntry } from './filesystem';
