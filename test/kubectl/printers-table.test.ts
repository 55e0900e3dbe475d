// kubectl get tables: reference layouts verbatim, printPod's STATUS rules, other kinds, decorations.
import { describe, expect, it } from 'vitest';
import {
  humanDuration,
  noResourcesFound,
  podStatusReason,
  printObjectsTable,
  tabwrite,
  tabwriteText,
  translateTimestampSince,
} from '../../src/commands/kubectl/printers';
import type { ContainerStatus, Event, KubeObject, Namespace, Node, Pod, Secret, Service, ConfigMap } from '../../src/kube/types';

const NOW = Date.parse('2023-03-06T13:19:14Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function pod(name: string, createdSecondsAgo: number, statuses: Partial<ContainerStatus>[], extra: Partial<Pod['status']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: ago(createdSecondsAgo), labels: { run: name } },
    spec: { containers: statuses.map((s) => ({ name: s.name ?? name, image: 'nginx' })), nodeName: statuses.length ? 'node01' : undefined },
    status: {
      phase: 'Running',
      containerStatuses: statuses.map((s) => ({ name: name, ready: false, restartCount: 0, image: 'nginx', imageID: '', ...s })),
      ...extra,
    },
  };
}

const running = (startedAgo = 100): Partial<ContainerStatus> => ({ ready: true, state: { running: { startedAt: ago(startedAgo) } } });

describe('reference tables print verbatim', () => {
  it('pods with CrashLoopBackOff, Running and ContainerCreating', () => {
    const pods = [
      pod('backend', 4 * 60 + 12, [
        { restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(41) } } },
      ]),
      pod('nginx', 3 * 3600 + 4 * 60, [running()]),
      pod('web-7f5d9c8b6d-x2k9q', 5, [{ state: { waiting: { reason: 'ContainerCreating' } } }], { phase: 'Pending' }),
    ];
    expect(printObjectsTable(pods, { nowMs: NOW })).toBe(
      `NAME                   READY   STATUS              RESTARTS      AGE
backend                0/1     CrashLoopBackOff    5 (41s ago)   4m12s
nginx                  1/1     Running             0             3h4m
web-7f5d9c8b6d-x2k9q   0/1     ContainerCreating   0             5s
`,
    );
  });

  it('pods -o wide', () => {
    const nginx = pod('nginx', 600, [running()], { podIP: '192.168.1.4', podIPs: [{ ip: '192.168.1.4' }] });
    const pending: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pending', namespace: 'default', creationTimestamp: ago(8) },
      spec: { containers: [{ name: 'pending', image: 'nginx' }] },
      status: { phase: 'Pending' },
    };
    expect(printObjectsTable([nginx, pending], { nowMs: NOW, wide: true })).toBe(
      `NAME      READY   STATUS    RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES
nginx     1/1     Running   0          10m   192.168.1.4   node01   <none>           <none>
pending   0/1     Pending   0          8s    <none>        <none>   <none>           <none>
`,
    );
  });

  it('nodes -o wide', () => {
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'controlplane',
        creationTimestamp: ago(48 * 3600 + 100),
        labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'controlplane' },
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'InternalIP', address: '172.30.1.2' },
          { type: 'Hostname', address: 'controlplane' },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.26.0',
          osImage: 'Ubuntu 20.04.5 LTS',
          kernelVersion: '5.4.0-131-generic',
          containerRuntimeVersion: 'containerd://1.6.12',
        },
      },
    };
    expect(printObjectsTable([node], { nowMs: NOW, wide: true })).toBe(
      `NAME           STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION      CONTAINER-RUNTIME
controlplane   Ready    control-plane   2d    v1.26.0   172.30.1.2    <none>        Ubuntu 20.04.5 LTS   5.4.0-131-generic   containerd://1.6.12
`,
    );
  });

  it('services', () => {
    const svc = (name: string, age: number, spec: Service['spec']): Service => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default', creationTimestamp: ago(age) },
      spec,
    });
    const services = [
      svc('kubernetes', 48 * 3600 + 5, { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
      svc('web', 7, { type: 'NodePort', clusterIPs: ['10.104.22.153'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } }),
    ];
    expect(printObjectsTable(services, { nowMs: NOW })).toBe(
      `NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)        AGE
kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP        2d
web          NodePort    10.104.22.153   <none>        80:30080/TCP   7s
`,
    );
    expect(printObjectsTable(services, { nowMs: NOW, wide: true }).split('\n')[2]).toBe(
      'web          NodePort    10.104.22.153   <none>        80:30080/TCP   7s    app=web',
    );
  });
});

describe('pod STATUS (printPod)', () => {
  const base = (statuses: Partial<ContainerStatus>[], extra: Partial<Pod['status']> = {}): Pod => pod('p', 60, statuses, extra);
  const initPod = (init: Partial<ContainerStatus>[], initCount = init.length): Pod => {
    const p = base([{ state: { waiting: { reason: 'PodInitializing' } } }], { phase: 'Pending' });
    p.spec.initContainers = Array.from({ length: initCount }, (_, i) => ({ name: `init${i}`, image: 'busybox' }));
    p.status!.initContainerStatuses = init.map((s, i) => ({ name: `init${i}`, ready: false, restartCount: 0, image: 'busybox', imageID: '', ...s }));
    return p;
  };

  it.each<[string, Pod, string]>([
    ['running', base([running()]), 'Running'],
    ['completed', base([{ state: { terminated: { exitCode: 0, reason: 'Completed' } } }], { phase: 'Succeeded' }), 'Completed'],
    ['error', base([{ state: { terminated: { exitCode: 1, reason: 'Error' } } }], { phase: 'Failed' }), 'Error'],
    ['oom', base([{ state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }]), 'OOMKilled'],
    ['signal without reason', base([{ state: { terminated: { exitCode: 137, signal: 9 } } }]), 'Signal:9'],
    ['exit code without reason', base([{ state: { terminated: { exitCode: 2 } } }]), 'ExitCode:2'],
    ['image pull', base([{ state: { waiting: { reason: 'ImagePullBackOff' } } }], { phase: 'Pending' }), 'ImagePullBackOff'],
    ['config error', base([{ state: { waiting: { reason: 'CreateContainerConfigError' } } }], { phase: 'Pending' }), 'CreateContainerConfigError'],
    ['unscheduled', base([], { phase: 'Pending' }), 'Pending'],
    ['evicted reason wins over phase', base([], { phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    [
      'first container wins',
      base([{ state: { waiting: { reason: 'CrashLoopBackOff' } } }, { state: { waiting: { reason: 'ErrImagePull' } } }]),
      'CrashLoopBackOff',
    ],
    [
      'completed sidecar with a running ready container and Ready condition',
      base([running(), { state: { terminated: { exitCode: 0, reason: 'Completed' } } }], { conditions: [{ type: 'Ready', status: 'True' }] }),
      'Running',
    ],
    [
      'completed with a running container but not Ready',
      base([running(), { state: { terminated: { exitCode: 0, reason: 'Completed' } } }], { conditions: [{ type: 'Ready', status: 'False' }] }),
      'NotReady',
    ],
    ['init pending', initPod([{ state: { waiting: { reason: 'PodInitializing' } } }]), 'Init:0/1'],
    ['init second of two', initPod([{ state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { state: { running: {} } }]), 'Init:1/2'],
    ['init crash', initPod([{ state: { waiting: { reason: 'CrashLoopBackOff' } } }]), 'Init:CrashLoopBackOff'],
    ['init error', initPod([{ state: { terminated: { exitCode: 1, reason: 'Error' } } }]), 'Init:Error'],
    ['init exit code', initPod([{ state: { terminated: { exitCode: 3 } } }]), 'Init:ExitCode:3'],
    ['scheduling gated', base([], { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated'],
  ])('%s', (_name, p, status) => {
    expect(podStatusReason(p)).toBe(status);
  });

  it('a deletion timestamp gives Terminating, or Unknown for a lost node', () => {
    const p = base([running()]);
    p.metadata.deletionTimestamp = ago(1);
    expect(podStatusReason(p)).toBe('Terminating');
    p.status!.reason = 'NodeLost';
    expect(podStatusReason(p)).toBe('Unknown');
  });

  it('RESTARTS counts only init restarts while initializing, and READY counts ready running containers', () => {
    const p = initPod([{ restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } }]);
    p.status!.containerStatuses![0]!.restartCount = 7;
    const line = printObjectsTable([p], { nowMs: NOW, noHeaders: true });
    expect(line).toBe('p     0/1   Init:CrashLoopBackOff   3 (90s ago)   60s\n');
  });
});

describe('other kinds', () => {
  const meta = (name: string, age: number, ns?: string) => ({ name, namespace: ns, creationTimestamp: ago(age) });

  it('namespaces, configmaps and secrets', () => {
    const nss: Namespace[] = ['default', 'kube-node-lease'].map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(n, 3 * 86400), status: { phase: 'Active' } }));
    expect(printObjectsTable(nss, { nowMs: NOW })).toBe('NAME              STATUS   AGE\ndefault           Active   3d\nkube-node-lease   Active   3d\n');
    const cms: ConfigMap[] = [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('app-config', 30, 'default'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-root-ca.crt', 86400 * 3, 'default'), data: { 'ca.crt': 'x' } },
    ];
    expect(printObjectsTable(cms, { nowMs: NOW })).toBe('NAME               DATA   AGE\napp-config         3      30s\nkube-root-ca.crt   1      3d\n');
    const secrets: Secret[] = [{ apiVersion: 'v1', kind: 'Secret', metadata: meta('db-pass', 125, 'default'), type: 'Opaque', data: { password: 'cGFzcw==' } }];
    expect(printObjectsTable(secrets, { nowMs: NOW })).toBe('NAME      TYPE     DATA   AGE\ndb-pass   Opaque   1      2m5s\n');
  });

  it('events, plain and wide', () => {
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta('nginx.174a1b2c3d4e5f60', 12, 'default'),
      involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulling',
      message: 'Pulling image "nginx"',
      source: { component: 'kubelet', host: 'node01' },
      firstTimestamp: ago(11),
      lastTimestamp: ago(11),
      count: 1,
      type: 'Normal',
    };
    const sched: Event = { ...ev, metadata: meta('nginx.1', 12, 'default'), involvedObject: { kind: 'Pod', name: 'nginx' }, reason: 'Scheduled', message: 'Successfully assigned default/nginx to node01', source: {}, reportingComponent: 'default-scheduler', firstTimestamp: null, lastTimestamp: null, eventTime: '2023-03-06T13:19:02.000000Z', count: undefined };
    expect(printObjectsTable([sched, ev], { nowMs: NOW })).toBe(
      `LAST SEEN   TYPE     REASON      OBJECT      MESSAGE
12s         Normal   Scheduled   pod/nginx   Successfully assigned default/nginx to node01
11s         Normal   Pulling     pod/nginx   Pulling image "nginx"
`,
    );
    expect(printObjectsTable([ev], { nowMs: NOW, wide: true })).toBe(
      `LAST SEEN   TYPE     REASON    OBJECT      SUBOBJECT                SOURCE            MESSAGE                 FIRST SEEN   COUNT   NAME
11s         Normal   Pulling   pod/nginx   spec.containers{nginx}   kubelet, node01   Pulling image "nginx"   11s          1       nginx.174a1b2c3d4e5f60
`,
    );
  });

  it('kinds without a printer get NAME and CREATED AT in UTC', () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('r', 10, 'default') };
    expect(printObjectsTable([role], { nowMs: NOW })).toBe('NAME   CREATED AT\nr      2023-03-06T13:19:04Z\n');
  });

  it('a node without conditions is Unknown, a cordoned one adds SchedulingDisabled', () => {
    const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: meta('node01', 60), spec: { unschedulable: true }, status: {} };
    expect(printObjectsTable([node], { nowMs: NOW, noHeaders: true })).toBe('node01   Unknown,SchedulingDisabled   <none>   60s   \n');
  });
});

describe('decorations', () => {
  const pods = [pod('nginx', 600, [running()]), { ...pod('web', 60, [running()]), metadata: { name: 'web', namespace: 'kube-system', creationTimestamp: ago(60), labels: { app: 'web', 'app.kubernetes.io/tier': 'front' } } }];

  it('-A prepends NAMESPACE', () => {
    expect(printObjectsTable(pods, { nowMs: NOW, withNamespace: true })).toBe(
      `NAMESPACE     NAME    READY   STATUS    RESTARTS   AGE
default       nginx   1/1     Running   0          10m
kube-system   web     1/1     Running   0          60s
`,
    );
  });

  it('--show-labels and -L', () => {
    expect(printObjectsTable(pods, { nowMs: NOW, showLabels: true, labelColumns: ['app.kubernetes.io/tier'] })).toBe(
      `NAME    READY   STATUS    RESTARTS   AGE   TIER    LABELS
nginx   1/1     Running   0          10m           run=nginx
web     1/1     Running   0          60s   front   app=web,app.kubernetes.io/tier=front
`,
    );
  });

  it('several kinds: one table each, a blank line between, names with their kind', () => {
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', creationTimestamp: ago(7) }, spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP' }] } };
    expect(printObjectsTable([pods[0] as Pod, svc], { nowMs: NOW })).toBe(
      `NAME        READY   STATUS    RESTARTS   AGE
pod/nginx   1/1     Running   0          10m

NAME          TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/web   ClusterIP   10.96.0.10   <none>        80/TCP    7s
`,
    );
  });

  it('no objects print nothing; the message goes to stderr', () => {
    expect(printObjectsTable([], { nowMs: NOW })).toBe('');
    expect(noResourcesFound('default')).toBe('No resources found in default namespace.\n');
    expect(noResourcesFound(null)).toBe('No resources found\n');
  });

  it('cells are cut at the first newline', () => {
    const ev: Event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'x' }, message: 'first\nsecond', type: 'Warning', reason: 'Failed', lastTimestamp: ago(1), firstTimestamp: ago(1) };
    expect(printObjectsTable([ev], { nowMs: NOW, noHeaders: true })).toBe('1s    Warning   Failed   pod/x   first...\n');
  });
});

describe('HumanDuration', () => {
  it.each([
    [-2000, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [150_000, '2m30s'],
    [599_999, '9m59s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [180 * 60_000, '3h'],
    [(3 * 60 + 4) * 60_000 + 59_000, '3h4m'],
    [47 * 3600_000, '47h'],
    [48 * 3600_000, '2d'],
    [53 * 3600_000, '2d5h'],
    [8 * 86400_000, '8d'],
    [729 * 86400_000, '729d'],
    [(2 * 365 + 30) * 86400_000, '2y30d'],
    [8 * 365 * 86400_000, '8y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('a zero time is <unknown>', () => {
    expect(translateTimestampSince(null, NOW)).toBe('<unknown>');
    expect(translateTimestampSince(undefined, NOW)).toBe('<unknown>');
  });
});

describe('tabwriter', () => {
  it('pads to max(6, widest + 3) and never pads the last cell', () => {
    expect(tabwrite([['A', 'B', 'C'], ['long-name', 'x', 'last']])).toBe('A           B     C\nlong-name   x     last\n');
  });

  it('aligns column blocks separately when lines have fewer cells', () => {
    expect(tabwriteText('a\tb\nheader\nlonger\tc\n', { minWidth: 0, padding: 2 })).toBe('a  b\nheader\nlonger  c\n');
  });

  it('counts runes, not UTF-16 units', () => {
    expect(tabwrite([['ümlaut', 'x'], ['a', 'y']])).toBe('ümlaut   x\na        y\n');
  });
});
