// What every check judge shares: the grading context, the verdict, and probing with kubectl as admin.

import type { CheckOf, CheckType } from '../scenarios/schema';
import type { Finding } from './findings';
import type { GradingHost, LabRunner } from './runner';

export interface GradeContext {
  host: GradingHost;
  lang: 'en' | 'zh';
  /** Simulated time the scenario setup finished (checks with sinceSetup look after it). */
  setupDoneNs: number;
}

/** Passed or not, and what the grader found (shown after the check's failMessage, in the learner's language). */
export type Verdict = { passed: boolean; detail?: Finding };

export type Judge<T extends CheckType> = (c: CheckOf<T>, g: GradeContext) => Promise<Verdict>;
export type Judges<T extends CheckType> = { [K in T]: Judge<K> };

/** Single-quote a word for bash. */
export function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export const ADMIN_KUBECONFIG = '/etc/kubernetes/admin.conf';
const KUBECTL = `kubectl --kubeconfig ${ADMIN_KUBECONFIG}`;

export async function kubectlOnProbe(probe: LabRunner, args: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return probe.run('kube-control-plane', 'root', `${KUBECTL} ${args}`);
}

/** A finding cut to a length a learner reads in one glance. */
export function brief(text: string, max = 400): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
