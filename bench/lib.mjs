// What every benchmark shares: a closed-loop load at a fixed concurrency, its figures, and the packages
// the bench borrows from the workspace (it is not a package of its own, nor part of the test command).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../infra/lib/paths.mjs';

export const fromInfra = createRequire(path.join(ROOT, 'infra', 'package.json'));
export const fromApi = createRequire(path.join(ROOT, 'services', 'complaints-api', 'package.json'));
export const fromWorker = createRequire(path.join(ROOT, 'services', 'worker', 'package.json'));
/** The domain package as built (working-day calendar, London time). */
export const fromDomain = () => fromApi('@complaints/domain');

/**
 * Runs `task(i)` for i in 0..count-1 with `concurrency` in flight; returns throughput and latency
 * percentiles in milliseconds. A task that throws counts as an error, never as a fast answer.
 */
export async function closedLoop(count, concurrency, task) {
  const latencies = [];
  let errors = 0;
  let firstError;
  let next = 0;
  const started = performance.now();
  const runner = async () => {
    while (next < count) {
      const index = next++;
      const begun = performance.now();
      try {
        await task(index);
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors += 1;
        firstError ??= String(error?.message ?? error).slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, runner));
  const seconds = (performance.now() - started) / 1000;
  if (firstError) process.stdout.write(`   (${errors} of ${count} failed; the first: ${firstError})\n`);
  return { count, concurrency, errors, perSecond: latencies.length / seconds, ...percentiles(latencies) };
}

export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** A fetch that fails unless the answer has the expected status. */
export async function expectStatus(url, init, status) {
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status !== status)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${body}`);
  return body ? JSON.parse(body) : undefined;
}

export const ms = (value) => `${value.toFixed(0)} ms`;
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** One figure line: what, the measured values, the baseline's, their ratio and the target. */
export function report(name, figures) {
  process.stdout.write(`\n== ${name}\n`);
  for (const [label, value] of Object.entries(figures))
    process.stdout.write(`   ${label.padEnd(34)} ${value}\n`);
}
