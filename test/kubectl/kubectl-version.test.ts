// kubectl version as v1.26.1 prints it: the deprecated --short (with pflag's notice), the default Go
// struct form behind its WARNING, and -o json/yaml.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { bootedLab } from '../kube/harness';

const CP = 'kube-control-plane';
const SHORT_DEPRECATED = 'Flag --short has been deprecated, and will be removed in the future. The --short output will become the default.\n';
const WARNING = 'WARNING: This version information is deprecated and will be replaced with the output from kubectl version --short.  Use --output=yaml|json to get the full version.\n';
const CLIENT_INFO =
  'version.Info{Major:"1", Minor:"26", GitVersion:"v1.26.1", GitCommit:"8f94681cd294aa8cfd3407b8191f6c70214973a4", GitTreeState:"clean", BuildDate:"2023-01-18T15:58:16Z", GoVersion:"go1.19.5", Compiler:"gc", Platform:"linux/amd64"}';
const SERVER_INFO =
  'version.Info{Major:"1", Minor:"26", GitVersion:"v1.26.1", GitCommit:"8f94681cd294aa8cfd3407b8191f6c70214973a4", GitTreeState:"clean", BuildDate:"2023-01-18T15:51:25Z", GoVersion:"go1.19.5", Compiler:"gc", Platform:"linux/amd64"}';

describe('kubectl version', () => {
  it.each([
    [['--short'], { status: 0, stdout: 'Client Version: v1.26.1\nKustomize Version: v4.5.7\nServer Version: v1.26.1\n', stderr: SHORT_DEPRECATED }],
    [['--client', '--short'], { status: 0, stdout: 'Client Version: v1.26.1\nKustomize Version: v4.5.7\n', stderr: SHORT_DEPRECATED }],
    [[], { status: 0, stdout: `Client Version: ${CLIENT_INFO}\nKustomize Version: v4.5.7\nServer Version: ${SERVER_INFO}\n`, stderr: WARNING }],
    [['--client'], { status: 0, stdout: `Client Version: ${CLIENT_INFO}\nKustomize Version: v4.5.7\n`, stderr: WARNING }],
    [['-o', 'wide'], { status: 1, stdout: '', stderr: "error: --output must be 'yaml' or 'json'\n" }],
  ])('%j', async (args, want) => {
    const lab = await bootedLab({ programs: kubeCommands });
    expect(await lab.run(CP, ['kubectl', 'version', ...args], { uid: 1000 })).toEqual(want);
  });

  it('prints both versions as indented JSON with -o json', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.run(CP, ['kubectl', 'version', '-o', 'json'], { uid: 1000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`{
  "clientVersion": {
    "major": "1",
    "minor": "26",
    "gitVersion": "v1.26.1",
    "gitCommit": "8f94681cd294aa8cfd3407b8191f6c70214973a4",
    "gitTreeState": "clean",
    "buildDate": "2023-01-18T15:58:16Z",
    "goVersion": "go1.19.5",
    "compiler": "gc",
    "platform": "linux/amd64"
  },
  "kustomizeVersion": "v4.5.7",
  "serverVersion": {
    "major": "1",
    "minor": "26",
    "gitVersion": "v1.26.1",
    "gitCommit": "8f94681cd294aa8cfd3407b8191f6c70214973a4",
    "gitTreeState": "clean",
    "buildDate": "2023-01-18T15:51:25Z",
    "goVersion": "go1.19.5",
    "compiler": "gc",
    "platform": "linux/amd64"
  }
}
`);
  });

  it('prints sorted YAML with -o yaml (Println after the document leaves a blank line)', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.run(CP, ['kubectl', 'version', '--client', '-o', 'yaml'], { uid: 1000 });
    expect(r).toEqual({
      status: 0,
      stderr: '',
      stdout: `clientVersion:
  buildDate: "2023-01-18T15:58:16Z"
  compiler: gc
  gitCommit: 8f94681cd294aa8cfd3407b8191f6c70214973a4
  gitTreeState: clean
  gitVersion: v1.26.1
  goVersion: go1.19.5
  major: "1"
  minor: "26"
  platform: linux/amd64
kustomizeVersion: v4.5.7

`,
    });
  });

  it('prints the client half before the refusal when the API server is down', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.run('kube-worker-1', ['kubectl', 'version', '--short'], { uid: 0 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('Client Version: v1.26.1\nKustomize Version: v4.5.7\n');
    expect(r.stderr.startsWith(SHORT_DEPRECATED)).toBe(true);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  });
});
