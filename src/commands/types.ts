// The program contract, as commands see it (defined by the kernel in src/world/kernel/program.ts).
export * from '../world/kernel/program';
