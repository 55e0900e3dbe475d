// What grading and setup need from a running lab: run command lines, pass time, read state.

import type { World } from '../world/world';
import type { RunResult } from '../world/kernel/run-as';

export interface LabRunner {
  readonly world: World;
  /** `bash -c command` as `user` on `node`. */
  run(node: string, user: string, command: string, stdin?: string): Promise<RunResult>;
  /** Let simulated time pass, running what falls due. */
  advance(seconds: number): Promise<void>;
  /** Read a file on a node as root; null when missing. With a container id, as that container sees it. */
  readFile(node: string, path: string, containerId?: string): string | null;
}

export interface GradingHost {
  /** The learner's lab: read it, never change it. */
  live: LabRunner;
  /** A fresh copy of the learner's world to run probes in. */
  probe(): Promise<LabRunner>;
}
