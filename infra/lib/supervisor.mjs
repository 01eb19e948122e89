// Starts and stops the system's processes as one unit: each child's output goes to .data/logs/<name>.log
// (and, for services, to the console); readiness is a port accepting connections or a line on stdout;
// a failed start stops everything already started, so nothing is left half-running.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { StepFailed, info } from './log.mjs';
import { waitForPort } from './ports.mjs';

export class Supervisor {
  constructor(logDir) {
    this.logDir = logDir;
    this.children = [];
    fs.mkdirSync(logDir, { recursive: true });
  }

  /**
   * @param {string} name
   * @param {{command: string, args: string[], env?: object, cwd?: string, port?: number,
   *          readyLine?: RegExp, timeoutMs?: number, echo?: 'all' | 'errors', fix?: string}} spec
   * echo: 'all' copies every line to the console, 'errors' only error lines (see errorLine).
   */
  async start(name, spec) {
    const logPath = path.join(this.logDir, `${name}.log`);
    const log = fs.createWriteStream(logPath, { flags: 'a' });
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group: Ctrl-C reaches us, and we stop children in order
    });
    const entry = { name, spec, child, alive: true, output: '' };
    this.children.push(entry);
    let sawReadyLine = false;
    const onData = (stream) => (chunk) => {
      log.write(chunk);
      const text = chunk.toString();
      entry.output = (entry.output + text).slice(-8000);
      if (spec.readyLine?.test(entry.output)) sawReadyLine = true;
      for (const line of spec.echo ? text.split('\n').filter(Boolean) : []) {
        const shown = spec.echo === 'all' ? line : errorLine(line);
        if (shown) stream.write(`${name.padEnd(16)}| ${shown}\n`);
      }
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    entry.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        entry.alive = false;
        entry.exitCode = code ?? signal;
        log.end();
        resolve();
      }),
    );
    child.on('error', (error) => {
      entry.alive = false;
      entry.output += error.message;
    });

    const timeoutMs = spec.timeoutMs ?? 60_000;
    let ready;
    if (spec.port) ready = await waitForPort(spec.port, { timeoutMs, isAlive: () => entry.alive });
    else ready = true;
    if (ready && spec.readyLine) {
      const deadline = Date.now() + timeoutMs;
      while (!sawReadyLine && entry.alive && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      ready = sawReadyLine;
    }
    if (!ready) {
      const tail = entry.output.trim().split('\n').slice(-12).join('\n');
      throw new StepFailed(
        `starting ${name}`,
        `${entry.alive ? 'not ready in time' : `exited (${entry.exitCode})`}; log: ${logPath}${tail ? `\n${tail}` : ''}`,
        spec.fix,
      );
    }
    return entry;
  }

  /** Stops children in reverse start order: SIGTERM to the process group, SIGKILL after a grace period. */
  async stopAll(graceMs = 15_000) {
    for (const entry of [...this.children].reverse()) {
      if (!entry.alive) continue;
      try {
        process.kill(-entry.child.pid, 'SIGTERM');
      } catch {
        continue;
      }
      const timer = setTimeout(() => {
        info(`${entry.name} did not stop in ${graceMs / 1000}s; killing it`);
        try {
          process.kill(-entry.child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, graceMs);
      await entry.exited;
      clearTimeout(timer);
    }
    this.children = [];
  }

  /**
   * Stops one running child with `signal` to its process group (SIGKILL: a crash; SIGTERM: a clean stop)
   * and starts it again with the same spec; the fault test and the benchmarks use it.
   */
  async restart(name, signal = 'SIGTERM') {
    const entry = this.children.find((candidate) => candidate.name === name && candidate.alive);
    if (!entry) throw new Error(`${name} is not running`);
    try {
      process.kill(-entry.child.pid, signal);
    } catch {
      /* exited meanwhile */
    }
    await entry.exited;
    this.children = this.children.filter((candidate) => candidate !== entry);
    return this.start(name, entry.spec);
  }

  /** The running child's process id (for sampling its memory). */
  pidOf(name) {
    return this.children.find((candidate) => candidate.name === name && candidate.alive)?.child.pid;
  }

  /** Resolves when any child exits on its own (so `start` can report it and stop the rest). */
  firstExit() {
    return Promise.race(this.children.map((entry) => entry.exited.then(() => entry)));
  }
}

/** A log line worth showing on a calm console: an error or fatal JSON entry (its message), or any non-JSON line. */
export function errorLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null) return line;
  const level = typeof entry.level === 'number' ? entry.level : { error: 50, fatal: 60 }[entry.level];
  if (!(level >= 50)) return null;
  const error = entry.err?.message ?? entry.error?.message ?? '';
  return `ERROR ${entry.msg ?? ''}${error ? `: ${error}` : ''}`;
}
