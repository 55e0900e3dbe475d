// kubectl create service / get svc / describe svc / apply of a Service against the simulated API
// server: the object kubectl sends, ClusterIP and NodePort allocation, the printed tables, and the
// client-side and server-side error texts of kubectl 1.26.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { parseTcpPort } from '../../src/commands/kubectl/create-service';
import type { AuditHook, AuditStageInfo } from '../../src/kube/apiserver/types';
import { bootedLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';

/** `kubectl create service clusterip web --tcp=80:80 --dry-run=client -o yaml` (kubectl 1.26). */
const DRY_RUN_SERVICE_YAML = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-80
    port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
`;

/** The JSON body client-go sends for it (struct field order). */
const SERVICE_BODY = '{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"ports":[{"name":"80-80","protocol":"TCP","port":80,"targetPort":80}],"selector":{"app":"web"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}';

function kubectl(lab: KubeLab) {
  return (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
}

function write(lab: KubeLab, path: string, text: string): void {
  lab.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile(path, text);
}

/** Every completed request the API server reports to its audit hook. */
function captureAudit(lab: KubeLab): AuditStageInfo[] {
  const done: AuditStageInfo[] = [];
  const hook: AuditHook = { onRequest: () => {}, onResponseStarted: () => {}, onComplete: (i) => void done.push(i) };
  lab.cluster.api.audit = hook;
  return done;
}

describe('kubectl create service', () => {
  it('creates a ClusterIP service with an address from 10.96.0.0/12 and sends the object kubectl builds', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    const seen = captureAudit(lab);
    expect(await k('create', 'service', 'clusterip', 'web', '--tcp=80:80')).toEqual({ status: 0, stdout: 'service/web created\n', stderr: '' });
    const create = seen.find((e) => e.verb === 'create' && e.objectRef?.resource === 'services')!;
    expect(create.requestURI).toBe('/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict');
    // The audit requestObject is that body as decoded: SetDefaults_Service fills sessionAffinity and
    // internalTrafficPolicy, and the encoder writes struct fields in Go order.
    expect(JSON.stringify(create.requestObject)).toBe(SERVICE_BODY.replace('"type":"ClusterIP"}', '"type":"ClusterIP","sessionAffinity":"None","internalTrafficPolicy":"Cluster"}'));
    expect(create.responseStatus.code).toBe(201);
    const ip = (await k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}')).stdout;
    const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
    expect(a).toBe(10);
    expect(b).toBeGreaterThanOrEqual(96);
    expect(b).toBeLessThanOrEqual(111);
    expect(b * 65536 + c * 256 + d).toBeGreaterThanOrEqual(96 * 65536 + 256);
    const get = await k('get', 'svc');
    expect(get.stdout).toMatch(/^NAME         TYPE        CLUSTER-IP +EXTERNAL-IP   PORT\(S\)   AGE\nkubernetes   ClusterIP   10\.96\.0\.1 +<none>        443\/TCP   \S+\nweb          ClusterIP   10\.\d+\.\d+\.\d+ +<none>        80\/TCP    0s\n$/);
  });

  it('stores the API server defaults', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'service', 'clusterip', 'web', '--tcp=80:80');
    const yaml = (await k('get', 'svc', 'web', '-o', 'yaml')).stdout;
    expect(yaml).toMatch(/^spec:\n  clusterIP: (10\.[\d.]+)\n  clusterIPs:\n  - \1\n  internalTrafficPolicy: Cluster\n  ipFamilies:\n  - IPv4\n  ipFamilyPolicy: SingleStack\n  ports:\n  - name: 80-80\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n  sessionAffinity: None\n  type: ClusterIP\nstatus:\n  loadBalancer: \{\}\n$/m);
    expect((await k('get', 'services', 'web', '-o', 'name')).stdout).toBe('service/web\n');
    expect(JSON.parse((await k('get', 'svc', 'web', '-o', 'json')).stdout)).toMatchObject({ kind: 'Service', metadata: { labels: { app: 'web' } } });
  });

  it('prints node ports, <pending> for a load balancer, the external name and None for a headless service', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    expect((await k('create', 'service', 'nodeport', 'np', '--tcp=80:8080')).stdout).toBe('service/np created\n');
    expect((await k('create', 'svc', 'loadbalancer', 'lb', '--tcp=443')).stdout).toBe('service/lb created\n');
    expect((await k('create', 'service', 'externalname', 'ext', '--external-name', 'bar.com')).stdout).toBe('service/ext created\n');
    expect((await k('create', 'service', 'clusterip', 'hl', '--clusterip=None')).stdout).toBe('service/hl created\n');
    const rows = (await k('get', 'svc', '-o', 'wide')).stdout.split('\n');
    expect(rows[0]).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE +SELECTOR$/);
    expect(rows.find((r) => r.startsWith('np '))).toMatch(/^np +NodePort +10\.[\d.]+ +<none> +80:3\d{4}\/TCP +0s +app=np$/);
    expect(rows.find((r) => r.startsWith('lb '))).toMatch(/^lb +LoadBalancer +10\.[\d.]+ +<pending> +443:3\d{4}\/TCP +0s +app=lb$/);
    expect(rows.find((r) => r.startsWith('ext '))).toMatch(/^ext +ExternalName +<none> +bar\.com +<none> +0s +app=ext$/);
    expect(rows.find((r) => r.startsWith('hl '))).toMatch(/^hl +ClusterIP +None +<none> +<none> +0s +app=hl$/);
    const np = Number((await k('get', 'svc', 'np', '-o', 'jsonpath={.spec.ports[0].nodePort}')).stdout);
    expect(np).toBeGreaterThanOrEqual(30000);
    expect(np).toBeLessThanOrEqual(32767);
    expect((await k('get', 'svc', 'lb', '-o', 'jsonpath={.spec.allocateLoadBalancerNodePorts} {.spec.externalTrafficPolicy}')).stdout).toBe('true Cluster');
  });

  it('lists the kubernetes service across namespaces', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await kubectl(lab)('get', 'svc', '-A');
    expect(r.stdout).toMatch(/^NAMESPACE   NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT\(S\)   AGE\ndefault     kubernetes   ClusterIP   10\.96\.0\.1    <none>        443\/TCP   \S+\n/);
  });

  it('prints the Service for --dry-run=client -o yaml without a request, and JSON in struct order', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    expect(await k('create', 'service', 'clusterip', 'web', '--tcp=80:80', '--dry-run=client', '-o', 'yaml')).toEqual({ status: 0, stdout: DRY_RUN_SERVICE_YAML, stderr: '' });
    expect((await k('create', 'service', 'clusterip', 'web', '--tcp=80:80', '--dry-run=client')).stdout).toBe('service/web created (dry run)\n');
    const json = (await k('create', 'service', 'clusterip', 'web', '--tcp=80:80', '--dry-run=client', '-o', 'json')).stdout;
    expect(JSON.stringify(JSON.parse(json))).toBe(SERVICE_BODY);
    expect((await k('get', 'svc', 'web')).stderr).toBe('Error from server (NotFound): services "web" not found\n');
  });

  it('server dry run allocates an address but stores nothing', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    expect((await k('create', 'service', 'clusterip', 'web', '--tcp=80:80', '--dry-run=server')).stdout).toBe('service/web created (server dry run)\n');
    expect((await k('create', 'service', 'clusterip', 'web', '--tcp=80:80', '--dry-run=server', '-o', 'jsonpath={.spec.clusterIP}')).stdout).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect((await k('get', 'svc', 'web')).status).toBe(1);
  });

  it('prints headless and external-name dry runs as kubectl builds them', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    expect((await k('create', 'service', 'clusterip', 'hl', '--clusterip=None', '--dry-run=client', '-o', 'yaml')).stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: hl\n  name: hl\nspec:\n  clusterIP: None\n  selector:\n    app: hl\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n',
    );
    expect((await k('create', 'service', 'externalname', 'ext', '--external-name=bar.com', '--dry-run=client', '-o', 'yaml', '-n', 'kube-public')).stdout).toBe(
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: ext\n  name: ext\n  namespace: kube-public\nspec:\n  externalName: bar.com\n  selector:\n    app: ext\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n',
    );
  });

  it.each([
    [['create', 'service', 'clusterip'], "error: exactly one NAME is required, got 0\nSee 'kubectl create service clusterip -h' for help and examples\n"],
    [['create', 'service', 'nodeport', 'a', 'b', '--tcp=80'], "error: exactly one NAME is required, got 2\nSee 'kubectl create service nodeport -h' for help and examples\n"],
    [['create', 'service', 'clusterip', 'web'], 'error: at least one tcp port specifier must be provided\n'],
    [['create', 'service', 'externalname', 'ext'], 'error: required flag(s) "external-name" not set\n'],
    [['create', 'service', 'externalname', 'ext', '--external-name=Bad_Name'], 'error: invalid service external name Bad_Name\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=abc'], 'error: strconv.ParseUint: parsing "abc": invalid syntax\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=70000:80'], 'error: strconv.ParseUint: parsing "70000": value out of range\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80:0'], 'error: must be between 1 and 65535, inclusive\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80:Http'], 'error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80:web', '--dry-run=maybe'], 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp'], "error: flag needs an argument: --tcp\nSee 'kubectl create service clusterip --help' for usage.\n"],
    [['create', 'service', 'nodeport', 'web', '--tcp=80', '--clusterip=None'], "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n"],
    [['create', 'service', 'bogus', 'web'], "error: unknown command \"bogus\"\nSee 'kubectl create service -h' for help and examples\n"],
  ])('refuses %j on the client side', async (args, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    expect(await kubectl(lab)(...args)).toEqual({ status: 1, stdout: '', stderr });
  });

  it.each([
    [['create', 'service', 'clusterip', '1web', '--tcp=80'], `error: failed to create ClusterIP service: Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`],
    [['create', 'service', 'nodeport', 'np', '--tcp=80', '--node-port=80'], 'error: failed to create NodePort service: Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80', '--clusterip=10.96.0.1'], 'error: failed to create ClusterIP service: Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80', '--clusterip=1.2.3.4'], 'error: failed to create ClusterIP service: Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"1.2.3.4"}: failed to allocate IP 1.2.3.4: the provided IP (1.2.3.4) is not in the valid range. The range of valid IPs is 10.96.0.0/12\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=0'], 'error: failed to create ClusterIP service: Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]\n'],
    [['create', 'service', 'clusterip', 'web', '--tcp=80,80'], 'error: failed to create ClusterIP service: Service "web" is invalid: [spec.ports[1].name: Duplicate value: "80", spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}]\n'],
  ])('reports the API server rejecting %j', async (args, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    expect(await kubectl(lab)(...args)).toEqual({ status: 1, stdout: '', stderr });
  });

  it('reports an existing name as the wrapped AlreadyExists error', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'service', 'clusterip', 'web', '--tcp=80:80');
    const seen = captureAudit(lab);
    expect(await k('create', 'service', 'clusterip', 'web', '--tcp=80:80')).toEqual({ status: 1, stdout: '', stderr: 'error: failed to create ClusterIP service: services "web" already exists\n' });
    expect(seen.at(-1)!.responseStatus).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'services "web" already exists' });
  });

  it('reports a refused connection as the wrapped dial error, without discovery lines', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.run(CP, ['kubectl', '--server=https://192.168.56.10:6444', 'create', 'service', 'clusterip', 'web', '--tcp=80'], { uid: 1000 });
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: 'error: failed to create ClusterIP service: Post "https://192.168.56.10:6444/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict": dial tcp 192.168.56.10:6444: connect: connection refused\n',
    });
  });

  it('deletes a service', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'service', 'clusterip', 'web', '--tcp=80:80');
    expect(await k('delete', 'svc', 'web')).toEqual({ status: 0, stdout: 'service "web" deleted\n', stderr: '' });
    expect((await k('get', 'svc', 'web')).stderr).toBe('Error from server (NotFound): services "web" not found\n');
  });
});

describe('kubectl describe service', () => {
  it('lays out a NodePort service as describe.go does', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'service', 'nodeport', 'np', '--tcp=80:8080');
    const ip = (await k('get', 'svc', 'np', '-o', 'jsonpath={.spec.clusterIP}')).stdout;
    const port = (await k('get', 'svc', 'np', '-o', 'jsonpath={.spec.ports[0].nodePort}')).stdout;
    expect((await k('describe', 'svc', 'np')).stdout).toBe(
      [
        'Name:                     np',
        'Namespace:                default',
        'Labels:                   app=np',
        'Annotations:              <none>',
        'Selector:                 app=np',
        'Type:                     NodePort',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        `IP:                       ${ip}`,
        `IPs:                      ${ip}`,
        'Port:                     80-8080  80/TCP',
        'TargetPort:               8080/TCP',
        `NodePort:                 80-8080  ${port}/TCP`,
        'Endpoints:                <none>',
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('shows an ExternalName service without addresses', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('create', 'service', 'externalname', 'ext', '--external-name', 'bar.com');
    expect((await k('describe', 'service', 'ext')).stdout).toBe(
      'Name:              ext\nNamespace:         default\nLabels:            app=ext\nAnnotations:       <none>\nSelector:          app=ext\nType:              ExternalName\nIP Families:       <none>\nIP:                \nIPs:               <none>\nExternal Name:     bar.com\nSession Affinity:  None\nEvents:            <none>\n',
    );
  });
});

describe('kubectl apply of a Service manifest', () => {
  const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n';

  it('creates, then reports unchanged, keeping the allocated address', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    write(lab, '/home/vagrant/svc.yaml', SVC);
    expect(await k('apply', '-f', 'svc.yaml')).toEqual({ status: 0, stdout: 'service/web created\n', stderr: '' });
    const ip = (await k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}')).stdout;
    expect(await k('apply', '-f', 'svc.yaml')).toEqual({ status: 0, stdout: 'service/web unchanged\n', stderr: '' });
    write(lab, '/home/vagrant/svc.yaml', SVC.replace('8080', '9090'));
    expect((await k('apply', '-f', 'svc.yaml')).stdout).toBe('service/web configured\n');
    expect((await k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[0].targetPort}')).stdout).toBe(`${ip} 9090`);
  });

  it('allocates a node port when the type becomes NodePort, and drops it again for ClusterIP', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    write(lab, '/home/vagrant/svc.yaml', SVC);
    await k('apply', '-f', 'svc.yaml');
    const ip = (await k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}')).stdout;
    write(lab, '/home/vagrant/svc.yaml', `${SVC}  type: NodePort\n`);
    expect((await k('apply', '-f', 'svc.yaml')).stdout).toBe('service/web configured\n');
    const np = (await k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort} {.spec.externalTrafficPolicy}')).stdout.split(' ');
    expect(np[0]).toBe(ip);
    expect(Number(np[1])).toBeGreaterThanOrEqual(30000);
    expect(np[2]).toBe('Cluster');
    write(lab, '/home/vagrant/svc.yaml', SVC);
    expect((await k('apply', '-f', 'svc.yaml')).stdout).toBe('service/web configured\n');
    expect((await k('get', 'svc', 'web')).stdout).toMatch(/^web +ClusterIP +10\.[\d.]+ +<none> +80\/TCP +/m);
  });

  it('refuses to change the ClusterIP', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    write(lab, '/home/vagrant/svc.yaml', SVC);
    await k('apply', '-f', 'svc.yaml');
    write(lab, '/home/vagrant/svc.yaml', SVC.replace('spec:\n', 'spec:\n  clusterIP: 10.96.5.5\n'));
    expect(await k('apply', '-f', 'svc.yaml')).toEqual({ status: 1, stdout: '', stderr: 'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.5.5": may not change once set\n' });
  });

  it.each([
    ['no ports', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n', 'The Service "web" is invalid: spec.ports: Required value\n'],
    ['a bad type', `${SVC}  type: Nodeport\n`, 'The Service "web" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n'],
    ['a bad protocol', SVC.replace('  - port: 80\n', '  - port: 80\n    protocol: HTTP\n'), 'The Service "web" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"\n'],
    ['a nodePort on a ClusterIP service', SVC.replace('  - port: 80\n', '  - port: 80\n    nodePort: 30080\n'), "The Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\n"],
    ['two unnamed ports', `${SVC}  - port: 443\n`, 'The Service "web" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n'],
    ['an unknown field', SVC.replace('  selector:', '  selectr:'), 'Error from server (BadRequest): error when creating "svc.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.selectr"\n'],
  ])('rejects %s with the API server message', async (_name, text, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    write(lab, '/home/vagrant/svc.yaml', text);
    expect(await kubectl(lab)('apply', '-f', 'svc.yaml')).toEqual({ status: 1, stdout: '', stderr });
  });
});

describe('--tcp parsing', () => {
  it.each([
    ['80', { name: '80', port: 80, targetPort: 80 }],
    ['80:8080', { name: '80-8080', port: 80, targetPort: 8080 }],
    ['80:http', { name: '80-http', port: 80, targetPort: 'http' }],
    ['0080:+0090', { name: '0080-+0090', port: 80, targetPort: 90 }],
    ['80:8080:9', { name: '80-8080-9', port: 80, targetPort: 8080 }],
    ['0', { name: '0', port: 0, targetPort: 0 }],
    ['', { error: 'strconv.ParseUint: parsing "": invalid syntax' }],
    ['-1', { error: 'strconv.ParseUint: parsing "-1": invalid syntax' }],
    ['+80', { error: 'strconv.ParseUint: parsing "+80": invalid syntax' }],
    ['65536', { error: 'strconv.ParseUint: parsing "65536": value out of range' }],
    ['80:', { error: 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-),must contain at least one letter (a-z)' }],
    ['80:-1', { error: 'must be between 1 and 65535, inclusive' }],
    ['80:65536', { error: 'must be between 1 and 65535, inclusive' }],
    ['80:99999999999999999999', { error: 'must be no more than 15 characters,must contain at least one letter (a-z)' }],
    ['80:a--b', { error: 'must not contain consecutive hyphens (--)' }],
    ['80:-ab', { error: 'must not begin or end with a hyphen (-)' }],
    ['80:averyveryverylongname', { error: 'must be no more than 15 characters' }],
  ])('%j', (spec, want) => {
    expect(parseTcpPort(spec)).toEqual(want);
  });

  it('never throws and either yields ports in range or an error text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (spec) => {
        const r = parseTcpPort(spec);
        if ('error' in r) return r.error.length > 0;
        return r.port >= 0 && r.port <= 65535 && r.name === spec.replaceAll(':', '-');
      }),
    );
  });
});

describe('kubectl expose', () => {
  /** `kubectl expose pod nginx --port=80 --dry-run=client -o yaml` after `kubectl run nginx --image=nginx`. */
  const EXPOSE_YAML = 'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: nginx\nstatus:\n  loadBalancer: {}\n';

  it('exposes a pod on a port, selecting its labels', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('run', 'nginx', '--image=nginx');
    expect(await k('expose', 'pod', 'nginx', '--port=80', '--dry-run=client', '-o', 'yaml')).toEqual({ status: 0, stdout: EXPOSE_YAML, stderr: '' });
    const seen = captureAudit(lab);
    expect(await k('expose', 'pod', 'nginx', '--port=80')).toEqual({ status: 0, stdout: 'service/nginx exposed\n', stderr: '' });
    expect(seen.find((e) => e.verb === 'create')!.requestURI).toBe('/api/v1/namespaces/default/services?fieldManager=kubectl-expose&fieldValidation=Strict');
    expect((await k('get', 'svc', 'nginx', '-o', 'jsonpath={.spec.selector.run} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.type}')).stdout).toBe('nginx 80 80 ClusterIP');
    expect((await k('expose', 'pod/nginx', '--port=80')).stderr).toBe('Error from server (AlreadyExists): services "nginx" already exists\n');
  });

  it('takes the ports from the pod, and a name, type and target port from flags', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('run', 'web', '--image=nginx', '--port=8080');
    expect((await k('expose', 'pod', 'web', '--name=web-np', '--type=NodePort', '--target-port=8080', '--port=80')).stdout).toBe('service/web-np exposed\n');
    expect((await k('get', 'svc', 'web-np')).stdout).toMatch(/^web-np +NodePort +10\.[\d.]+ +<none> +80:3\d{4}\/TCP +0s\n/m);
    expect((await k('expose', 'pod', 'web', '--name=web2')).stdout).toBe('service/web2 exposed\n');
    expect((await k('get', 'svc', 'web2', '-o', 'jsonpath={.spec.ports[0].port}')).stdout).toBe('8080');
  });

  it.each([
    [['expose'], "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\nSee 'kubectl expose -h' for help and examples\n"],
    [['expose', 'pod', 'nginx'], "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n"],
    [['expose', 'pod', 'ghost', '--port=80'], 'Error from server (NotFound): pods "ghost" not found\n'],
    [['expose', 'configmap', 'kube-root-ca.crt', '--port=80'], 'error: cannot expose a ConfigMap\n'],
    [['expose', 'pod', 'nginx', '--port=http'], 'error: strconv.Atoi: parsing "http": invalid syntax\n'],
    [['expose', 'pod', 'nginx', '--port=80', '--session-affinity=Sticky'], 'error: unknown session affinity: Sticky\n'],
  ])('refuses %j', async (args, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    await kubectl(lab)('run', 'nginx', '--image=nginx');
    expect(await kubectl(lab)(...args)).toEqual({ status: 1, stdout: '', stderr });
  });
});
