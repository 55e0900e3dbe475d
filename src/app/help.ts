// The text of `cks-lab --help`, in English and Chinese.
import type { Lang } from './lang';

export const HELP: Record<Lang, string> = {
  en: `Usage: cks-lab [command] [options]

An offline lab for the CKS domain "Monitoring, Logging and Runtime Security":
a simulated two-node kubeadm cluster with Falco and API-server audit logging.

Commands:
  (none)                     open the TUI: pick a scenario, see progress, resume
  start <scenario>           open the TUI inside one scenario
  sh [--scenario <id>] [--state <dir>] [--seed <n>] [--echo]
                             headless shell: reads command lines from stdin, prints what
                             the terminal shows, keeps the world in <dir>
  check <scenario> [--state <dir>] [--json] [--junit <file>] [--learner <name>]
                             grade: exit 0 when every check passes, 1 otherwise
  list [--json]              scenarios with progress
  lint <pack-dir|file> [--json] [--strict]
                             validate a scenario pack: exit 0 when clean, 1 on problems
  results merge [--json|--csv] FILE|DIR…
                             class report from learners' 'check --json' results

  falco validate [--json] FILE…   check Falco rules files as falco -V does
  falco list-rules FILE…     list the rules the files define, as falco -L
  falco list-fields [SOURCE] the condition fields, as falco --list
  falco parse 'CONDITION'    the parse tree of a condition, or the syntax error
  falco replay [--config F] --rules FILE… EVENTS.jsonl
                             the alerts Falco prints for recorded events
  audit validate POLICY.yaml  what kube-apiserver 1.26 says when loading an audit policy
  audit explain --policy POLICY.yaml --verb V [--user U] [--group G]… [--namespace NS]
        [--api-group G] [--resource R[/SUB]] [--name N] | --path /URL [--json]
                             the level a request gets, and which rule decided it

Global options:
  --lang en|zh               language of the lab's own text (default from LANG)
  --no-color                 no colours (also NO_COLOR)
  --help                     this help
  --version                  print the version
`,
  zh: `用法：cks-lab [命令] [选项]

CKS 考试 “监控、日志与运行时安全” 领域的离线实验环境：
一个模拟的双节点 kubeadm 集群，带 Falco 和 API 服务器审计日志。

命令：
  （无）                     打开 TUI：选择场景、查看进度、继续上次的实验
  start <场景>               直接在某个场景里打开 TUI
  sh [--scenario <id>] [--state <目录>] [--seed <n>] [--echo]
                             无界面 shell：从标准输入读取命令行，输出终端上显示的内容，
                             集群保存在 <目录> 中
  check <场景> [--state <目录>] [--json] [--junit <文件>] [--learner <名字>]
                             评分：全部检查通过时退出码为 0，否则为 1
  list [--json]              场景列表及进度
  lint <场景包目录|文件> [--json] [--strict]
                             校验场景包：没有问题时退出码为 0，有问题时为 1
  results merge [--json|--csv] 文件|目录…
                             由学员的 'check --json' 结果生成班级报告

  falco validate [--json] 文件…   像 falco -V 一样检查 Falco 规则文件
  falco list-rules 文件…     列出文件中定义的规则，同 falco -L
  falco list-fields [来源]   条件中可用的字段，同 falco --list
  falco parse '条件'         条件的语法树，或语法错误
  falco replay [--config 文件] --rules 文件… 事件.jsonl
                             对录制的事件输出 Falco 会打印的告警
  audit validate 策略.yaml   kube-apiserver 1.26 加载该审计策略时会说什么
  audit explain --policy 策略.yaml --verb V [--user U] [--group G]… [--namespace NS]
        [--api-group G] [--resource R[/SUB]] [--name N] | --path /URL [--json]
                             某个请求得到的审计级别，以及由哪条规则决定

全局选项：
  --lang en|zh               实验环境自身文字的语言（默认取自 LANG）
  --no-color                 不使用颜色（也可设置 NO_COLOR）
  --help                     显示本帮助
  --version                  显示版本
`,
};
