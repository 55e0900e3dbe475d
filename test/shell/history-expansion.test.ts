import { describe, expect, it } from 'vitest';
import { expandHistory } from '../../src/shell';

const history = ['vim /etc/falco/falco_rules.local.yaml', 'systemctl restart falco', 'kubectl get pods -n kube-system'];

describe('history expansion', () => {
  it.each([
    ['sudo !!', 'sudo kubectl get pods -n kube-system'],
    ['sudo !vim', 'sudo vim /etc/falco/falco_rules.local.yaml'],
    ['!sys', 'systemctl restart falco'],
    ['!1', 'vim /etc/falco/falco_rules.local.yaml'],
    ['!-2', 'systemctl restart falco'],
    ['cat !vim:1', 'cat /etc/falco/falco_rules.local.yaml'],
    ['echo !$', 'echo kube-system'],
    ['echo !^ !*', 'echo get get pods -n kube-system'],
    ['echo !?restart?', 'echo systemctl restart falco'],
    ['^pods^nodes', 'kubectl get nodes -n kube-system'],
  ])('%j becomes %j', (line, expected) => {
    expect(expandHistory(line, history)).toEqual({ kind: 'expanded', line: expected });
  });

  it.each(["echo 'hi!'", 'echo hi!', 'echo \\!!', 'x != y', '[ ! -d x ]', 'echo "wow!"', 'echo a!=b'])('%j is left alone', (line) => {
    expect(expandHistory(line, history)).toEqual({ kind: 'unchanged' });
  });

  it('reports an unknown event as bash does', () => {
    expect(expandHistory('!nope', history)).toEqual({ kind: 'error', message: '!nope: event not found' });
    expect(expandHistory('!!', [])).toEqual({ kind: 'error', message: '!!: event not found' });
    expect(expandHistory('echo !!:9', history)).toEqual({ kind: 'error', message: '!!:9: bad word specifier' });
  });
});
