// The chapter's two alerts as structured events: a shell exec'd into nginx, and pod `malicious` writing /etc/threat.
import type { FalcoSyscallEvent } from '../../../src/falco/event';
import { ancestor, container, event, fileFd, proc } from './events';

/** `kubectl exec -it nginx -- bash`: runc starts bash on pts/0 inside the nginx container. */
export const SHELL_IN_NGINX: FalcoSyscallEvent = event({
  type: 'execve',
  time: { s: 1674583394, ns: 632368639 },
  args: { res: 0, exe: 'bash', args: '', tid: 47773, pid: 47773, ptid: 47750, cwd: '/' },
  proc: {
    ...proc({ name: 'bash', pid: 47773, tty: 34816, exepath: '/usr/bin/bash', ancestors: [ancestor('runc', ['init'], 47750), ancestor('containerd-shim', ['-namespace', 'k8s.io', '-id', '18b247adb3ca'], 2210), ancestor('systemd', [], 1)] }),
    vpid: 7,
  },
  user: { uid: 0, name: 'root', loginuid: 0, loginname: 'root' },
  container: container('18b247adb3ca', 'docker.io/library/nginx', 'latest', 'nginx'),
  k8s: { nsName: 'default', podName: 'nginx' },
});

const MALICIOUS_CMD = 'while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done';

/** Pod `malicious` (alpine:3.17.1): its `sh -c` loop appends to /etc/threat; alpine's passwd is not read, so user is <NA>. */
export const MALICIOUS_WRITE: FalcoSyscallEvent = event({
  type: 'openat',
  time: { s: 1674604098, ns: 516903001 },
  args: { fd: 3, dirfd: -100, name: '/etc/threat', flags: 'O_WRONLY|O_CREAT|O_APPEND', mode: 438, dev: 0x800003 },
  res: 3,
  proc: {
    ...proc({ name: 'sh', pid: 48120, args: ['-c', MALICIOUS_CMD], exepath: '/bin/busybox', ancestors: [ancestor('containerd-shim', ['-namespace', 'k8s.io', '-id', 'e72a6dbb63b8e5f2', '-address', '/run/containerd/containerd.sock'], 48071), ancestor('systemd', [], 1)] }),
    vpid: 1,
  },
  user: { uid: 0, name: null, loginuid: -1, loginname: null },
  fd: fileFd('/etc/threat'),
  container: container('e72a6dbb63b8', 'docker.io/library/alpine', '3.17.1', 'malicious'),
  k8s: { nsName: 'default', podName: 'malicious' },
});

export const SHELL_LINE =
  '18:03:14.632368639: Notice A shell was spawned in a container with an attached terminal (user=root user_loginuid=0 nginx (id=18b247adb3ca) shell=bash parent=runc cmdline=bash pid=47773 terminal=34816 container_id=18b247adb3ca image=docker.io/library/nginx)';

export const WRITE_ETC_LINE =
  '23:48:18.516903001: Error File below /etc opened for writing (user=<NA> user_loginuid=-1 command=sh -c while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done pid=48120 parent=containerd-shim pcmdline=containerd-shim -namespace k8s.io -id e72a6dbb63b8e5f2 -address /run/containerd/containerd.sock file=/etc/threat program=sh gparent=systemd ggparent=<NA> gggparent=<NA> container_id=e72a6dbb63b8 image=docker.io/library/alpine)';
