import { spawn, spawnSync } from 'node:child_process';
import { StepFailed } from './log.mjs';

/** Runs a command to completion, streaming its output; rejects with StepFailed naming the step and the fix. */
export function run(step, command, args, { fix, env, cwd, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new StepFailed(step, error.message, fix)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else {
        const tail = output.trim().split('\n').slice(-15).join('\n');
        reject(
          new StepFailed(step, `${command} exited with ${code ?? signal}${tail ? `\n${tail}` : ''}`, fix),
        );
      }
    });
  });
}

/** Finds an executable on PATH, or returns null. */
export function which(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}
