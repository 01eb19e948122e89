// Console output of the bootstrap: one line per step, with timings, and failures that name the fix.
export class StepFailed extends Error {
  constructor(step, cause, fix) {
    super(`${step} failed: ${cause}${fix ? `\n  fix: ${fix}` : ''}`);
    this.step = step;
    this.fix = fix;
  }
}

export function info(message) {
  process.stdout.write(`[complaints] ${message}\n`);
}

export async function step(name, run) {
  const started = Date.now();
  info(`${name} …`);
  const result = await run();
  info(
    `${name}: ${typeof result === 'string' ? result : 'done'} (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
  return result;
}

/** Runs a bootstrap entry point: on failure, prints one clear line (and the fix) and exits non-zero. */
export async function main(entry, cleanup = async () => {}) {
  try {
    await entry();
  } catch (error) {
    process.stderr.write(
      `\n[complaints] ${error instanceof StepFailed ? error.message : (error?.stack ?? error)}\n`,
    );
    await cleanup().catch(() => {});
    process.exit(1);
  }
}
