// falco_outputs: formats each alert once and writes it to every enabled channel (stdout, syslog, file,
// program, http), behind the `outputs.rate`/`max_burst` token bucket.

import type { Alert, FalcoConfig } from '../../falco';
import { formatAlertLine } from '../../falco';
import { Pipe, stringInput, type OutputStream } from '../../core/stream';
import type { SimNs } from '../../core/time';
import { isVfsError } from '../../vfs';
import type { FalcoHostClient } from '../../world/falco/host';
import type { FileHandle, ProcessFs, Sys } from '../types';
import { LOG_DEBUG, LOG_ERR, type FalcoLogger, type SyslogClient } from './logger';

export interface OutputsDeps {
  stdout: OutputStream;
  stderr: OutputStream;
  syslog: SyslogClient | undefined;
  fs: ProcessFs;
  spawn: Sys['spawn'];
  logger: FalcoLogger;
  host: FalcoHostClient | undefined;
  now: () => SimNs;
  hostname: string;
  /** Ends children kept alive by program_output when Falco stops. */
  signal: AbortSignal;
}

/** Falco's token_bucket: `rate` tokens a second up to `max`, starting full. */
class TokenBucket {
  private tokens: number;
  private last: SimNs;
  constructor(
    private readonly rate: number,
    private readonly max: number,
    now: SimNs,
  ) {
    this.tokens = max;
    this.last = now;
  }
  claim(now: SimNs): boolean {
    this.tokens = Math.min(this.max, this.tokens + ((now - this.last) / 1e9) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** curl's answer for a host the offline lab cannot reach. */
function curlError(url: string): string {
  const host = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1] ?? '';
  if (host === '') return 'URL using bad/illegal format or missing URL';
  const isAddress = /^[0-9.]+$/.test(host) || host.startsWith('[') || host === 'localhost';
  return isAddress ? "Couldn't connect to server" : "Couldn't resolve host name";
}

export class FalcoOutputs {
  private readonly bucket: TokenBucket | null;
  private file: FileHandle | null = null;
  private programPipe: Pipe | null = null;

  constructor(
    private readonly cfg: FalcoConfig,
    private readonly deps: OutputsDeps,
  ) {
    this.bucket = cfg.outputs.rate > 0 ? new TokenBucket(cfg.outputs.rate, cfg.outputs.maxBurst, deps.now()) : null;
  }

  /** The line every channel receives for an alert (text or JSON, per the config). */
  lineFor(alert: Alert): string {
    return formatAlertLine(alert, {
      timeFormatIso8601: this.cfg.timeFormatIso8601,
      json: this.cfg.jsonOutput,
      jsonIncludeOutputProperty: this.cfg.jsonIncludeOutputProperty,
      jsonIncludeTagsProperty: this.cfg.jsonIncludeTagsProperty,
      hostname: this.deps.hostname,
    });
  }

  handle(alert: Alert): void {
    if (this.bucket && !this.bucket.claim(this.deps.now())) {
      this.deps.logger.log(LOG_DEBUG, `Skipping rate-limited notification for rule ${alert.rule}\n`);
      return;
    }
    const line = this.lineFor(alert);
    const channels: string[] = [];
    if (this.cfg.stdoutOutput.enabled) {
      this.deps.stdout.write(`${line}\n`);
      channels.push('stdout');
    }
    if (this.cfg.syslogOutput.enabled && this.deps.syslog) {
      this.deps.syslog.log(alert.priority, line);
      channels.push('syslog');
    }
    if (this.cfg.fileOutput.enabled && this.writeFile(line)) channels.push('file');
    if (this.cfg.programOutput.enabled) {
      this.runProgram(line);
      channels.push('program');
    }
    if (this.cfg.httpOutput.enabled) {
      // No network leaves the lab: the POST fails the way libcurl reports it.
      this.deps.logger.log(LOG_ERR, `libcurl error: ${curlError(this.cfg.httpOutput.url)}\n`);
    }
    this.deps.host?.recordAlert({ rule: alert.rule, priority: alert.priorityName, line, channels });
  }

  private writeFile(line: string): boolean {
    const filename = this.cfg.fileOutput.filename;
    try {
      // Always O_APPEND; keep_alive keeps the descriptor between alerts instead of reopening.
      this.file ??= this.deps.fs.open(filename, { write: true, create: true, append: true }, 0o644);
      this.file.write(`${line}\n`);
      if (!this.cfg.fileOutput.keepAlive) this.closeFile();
      return true;
    } catch (e) {
      if (!isVfsError(e)) throw e;
      this.file = null;
      this.deps.logger.log(LOG_ERR, `file: failed to open output file ${filename}\n`);
      return false;
    }
  }

  private closeFile(): void {
    this.file?.close();
    this.file = null;
  }

  /** popen(program, "w"): the line on the program's stdin; its stdout/stderr are Falco's. */
  private runProgram(line: string): void {
    const argv = ['/bin/sh', '-c', this.cfg.programOutput.program];
    const io = { stdout: this.deps.stdout, stderr: this.deps.stderr, signal: this.deps.signal };
    if (!this.cfg.programOutput.keepAlive) {
      void this.deps.spawn(argv, { ...io, stdin: stringInput(`${line}\n`) });
      return;
    }
    if (!this.programPipe) {
      const pipe = new Pipe();
      this.programPipe = pipe;
      void this.deps.spawn(argv, { ...io, stdin: pipe.reader }).then(() => {
        if (this.programPipe === pipe) this.programPipe = null;
      });
    }
    this.programPipe.writer.write(`${line}\n`);
  }

  /** SIGUSR1: close files and programs so the next alert reopens them (log rotation). */
  reopen(): void {
    this.closeFile();
    this.programPipe?.writer.close();
    this.programPipe = null;
  }

  close(): void {
    this.reopen();
  }
}

