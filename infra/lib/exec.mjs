import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { StepFailed } from './log.mjs';

/**
 * Runs a command to completion (streaming its output unless quiet); rejects with StepFailed naming the
 * step and the fix, or the real cause where the output shows a known one (see KNOWN_FAILURES).
 */
export function run(
  step,
  command,
  args,
  { fix, env, cwd, quiet = false, diagnosed = true, tailLines = 15 } = {},
) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (stream) => (chunk) => {
      if (!quiet) stream.write(chunk);
      output = quiet ? output + chunk : (output + chunk).slice(-20_000);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('error', (error) =>
      reject(
        error.code === 'ENOENT'
          ? new StepFailed(step, `${command} is not installed (not found on PATH)`, fix)
          : new StepFailed(step, error.message, fix),
      ),
    );
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve(output);
      const tail = quiet ? output.trim().split('\n').slice(-tailLines).join('\n') : '';
      const known = diagnosed ? diagnose(output) : undefined;
      reject(
        new StepFailed(
          step,
          `${known?.cause ?? `${path.basename(command)} exited with ${code ?? signal}`}${tail ? `\n${tail}` : ''}`,
          known?.fix ?? fix,
        ),
      );
    });
  });
}

// Failures whose real cause is not the step's usual one: each names the cause and its fix.
const KNOWN_FAILURES = [
  {
    pattern: /Unable to find package manager binary|pnpm: (command )?not found/,
    cause: 'the package manager (pnpm) is not on PATH',
    fix: 'run the README commands (npm start / npm test), which provision pnpm into .tools/bin; do not call turbo directly',
  },
  {
    pattern: /\bEACCES\b|Permission denied/,
    cause: 'a file or directory could not be accessed (permission denied)',
    fix: 'check the owner and mode of the path in the message above',
  },
  {
    pattern: /\bEADDRINUSE\b|address already in use/i,
    cause: 'a port is already in use',
    fix: 'stop whatever listens on the port named above (`ss -ltnp`), or another running copy of this system',
  },
  {
    pattern: /\bENOSPC\b|No space left on device/,
    cause: 'the disk is full',
    fix: 'free some disk space (`df -h`)',
  },
  {
    pattern: /\bE(AI_AGAIN|NOTFOUND|CONNREFUSED|TIMEDOUT)\b.*registry|getaddrinfo|network request .* failed/i,
    cause: 'a package registry could not be reached',
    fix: 'check the network and the registry settings (~/.npmrc, go env GOPROXY, ~/.m2/settings.xml)',
  },
];

export function diagnose(output) {
  return KNOWN_FAILURES.find(({ pattern }) => pattern.test(output));
}

/** Finds an executable on PATH, or returns null. */
export function which(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}
