// The soak (issue #16): `minutes` of steady load on the whole system (infra/lib/whole-system.mjs, the
// README's embedded defaults on ports of its own) with the resident memory of every process sampled, to
// show whether anything grows while the load stays the same. The load is open-loop, at a fixed rate
// whatever the answers' speed: each second `rate` complaints are taken in (POST /complaints); 70 % of them
// are acknowledged in writing ten seconds later, and staff read a worklist page and a case record for
// each. Memory is sampled every 15 s; the trend is the least-squares slope of RSS over the last two
// thirds of the run (the first third is the warm-up, while the workers' caches fill) and the ratio of the
// last third's mean to the first third's. Every request must be answered as documented (an
// acknowledgement answered 503 is repeated after its Retry-After, as a careful client does, and counted):
// an error fails the soak. Bounded: the load stops at `minutes`, and what is still in flight gets two minutes.
import path from 'node:path';
import { Supervisor } from '../infra/lib/supervisor.mjs';
import { ensureTemporalCli } from '../infra/lib/tools.mjs';
import { residentBytes, staffToken, startWholeSystem, wholeSystemMode } from '../infra/lib/whole-system.mjs';
import { expectStatus, londonDate, mib, ms, percentiles, repeated, report, staffCommand } from './lib.mjs';

const SAMPLE_MS = 15_000;
const ACKNOWLEDGE_AFTER_MS = 10_000;
const DRAIN_MS = 120_000;
const ORGANISATIONS = ['HPFT', 'NCT', 'ITRUST', 'CWTH'];
// Growth that counts as a trend: over the last two thirds, more than 5 % of the process's mean there (and
// more than 16 MiB, below which RSS moves with garbage collection alone).
const TREND_SHARE = 0.05;
const TREND_FLOOR = 16 * 1024 * 1024;

/** `rate` complaints a second for `minutes`; `cache` is the workers' WORKFLOW_CACHE_SIZE. */
export async function soakBenchmark({ minutes, rate, cache }) {
  const mode = wholeSystemMode('bench-soak', 27_000);
  const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
  const stop = () => void supervisor.stopAll().finally(() => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const env = await startWholeSystem(supervisor, mode, await ensureTemporalCli(), {
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
      WORKFLOW_CACHE_SIZE: String(cache),
    });
    await soak(env, mode, supervisor, { minutes, rate, cache });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await supervisor.stopAll();
  }
}

async function soak(env, mode, supervisor, { minutes, rate, cache }) {
  const api = `http://127.0.0.1:${mode.ports['complaints-api']}`;
  const processes = supervisor.children.map((child) => child.name);
  const tokens = Object.fromEntries(
    ORGANISATIONS.map((code) => [code, staffToken(env, `${code.toLowerCase()}-handler`)]),
  );
  const figures = { intake: [], acknowledgement: [], worklist: [], record: [] };
  const errors = [];
  const inFlight = new Set();
  const timed = (kind, work) => {
    const begun = performance.now();
    const running = work()
      .then(() => figures[kind].push(performance.now() - begun))
      .catch((error) => errors.push(`${kind}: ${String(error?.message ?? error).slice(0, 300)}`))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  const as = (organisation, body) => ({
    headers: {
      Authorization: `Bearer ${tokens[organisation]}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { method: 'POST', body: JSON.stringify(body) } : {}),
  });

  const complaint = (index) => {
    const organisation = ORGANISATIONS[index % ORGANISATIONS.length];
    timed('intake', async () => {
      const { reference } = await expectStatus(
        `${api}/complaints`,
        as(organisation, complaintBody(index, organisation)),
        201,
      );
      timed('record', () => expectStatus(`${api}/complaints/${reference}`, as(organisation), 200));
      timed('worklist', () =>
        expectStatus(`${api}/complaints?page=${1 + (index % 5)}&pageSize=25`, as(organisation), 200),
      );
      if (index % 10 < 7)
        setTimeout(
          () =>
            timed('acknowledgement', () =>
              staffCommand(
                `${api}/complaints/${reference}/acknowledgement`,
                as(organisation, { method: 'written' }),
                200,
              ),
            ),
          ACKNOWLEDGE_AFTER_MS,
        );
    });
  };

  const samples = [];
  const sample = () =>
    samples.push({
      at: performance.now(),
      rss: Object.fromEntries(processes.map((name) => [name, residentBytes(supervisor.pidOf(name))])),
    });

  const durationMs = minutes * 60_000;
  const started = performance.now();
  sample();
  const sampler = setInterval(sample, SAMPLE_MS);
  let sent = 0;
  while (performance.now() - started < durationMs) {
    // Open loop: each complaint at its own instant, however long the earlier ones take.
    const due = started + (sent * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    complaint(sent);
    sent += 1;
  }
  sample();
  clearInterval(sampler);
  // The last acknowledgements are scheduled ten seconds on; then what is in flight may finish.
  await new Promise((resolve) => setTimeout(resolve, ACKNOWLEDGE_AFTER_MS + 1_000));
  const drainUntil = Date.now() + DRAIN_MS;
  while (inFlight.size > 0 && Date.now() < drainUntil) await Promise.race([...inFlight]);
  if (inFlight.size > 0)
    errors.push(`${inFlight.size} requests still unanswered ${DRAIN_MS / 1000} s after the load stopped`);

  const latency = (kind) => {
    const { p50, p99 } = percentiles(figures[kind]);
    return `${figures[kind].length} answered, p50 ${ms(p50)}  p99 ${ms(p99)}`;
  };
  const verdicts = Object.fromEntries(processes.map((name) => [name, trend(samples, name)]));
  report(`a soak: ${minutes} min at ${rate} complaints/s on the whole system (cache ${cache})`, {
    'complaints taken in': `${sent} offered; ${latency('intake')}`,
    acknowledgements: latency('acknowledgement'),
    'case records read': latency('record'),
    'worklist pages read': latency('worklist'),
    errors: String(errors.length),
    'acknowledgements repeated after 503': String(repeated.count),
    'RSS samples': `${samples.length}, every ${SAMPLE_MS / 1000} s`,
  });
  process.stdout.write(
    `   ${'process'.padEnd(16)} ${'first'.padStart(9)} ${'last'.padStart(9)} ${'slope (last 2/3)'.padStart(17)} ${'last/first third'.padStart(17)}  verdict\n`,
  );
  for (const [name, t] of Object.entries(verdicts))
    process.stdout.write(
      `   ${name.padEnd(16)} ${mib(t.first).padStart(9)} ${mib(t.last).padStart(9)} ${`${t.slopeMiBPerMinute.toFixed(2)} MiB/min`.padStart(17)} ${t.ratio.toFixed(2).padStart(17)}  ${t.verdict}\n`,
    );
  for (const line of errors.slice(0, 20)) process.stdout.write(`   error: ${line}\n`);
  if (errors.length > 0) throw new Error(`soak: ${errors.length} requests failed`);
}

/** The memory trend of one process over the samples: slope over the last two thirds, and the thirds' ratio. */
export function trend(samples, name) {
  const points = samples.map(({ at, rss }) => ({ minutes: (at - samples[0].at) / 60_000, bytes: rss[name] }));
  const third = Math.max(1, Math.floor(points.length / 3));
  const tail = points.slice(third);
  const mean = (list) => list.reduce((sum, p) => sum + p.bytes, 0) / list.length;
  const meanMinutes = tail.reduce((sum, p) => sum + p.minutes, 0) / tail.length;
  const tailMean = mean(tail);
  const covariance = tail.reduce((sum, p) => sum + (p.minutes - meanMinutes) * (p.bytes - tailMean), 0);
  const variance = tail.reduce((sum, p) => sum + (p.minutes - meanMinutes) ** 2, 0);
  const slope = variance > 0 ? covariance / variance : 0; // bytes a minute
  const span = tail.at(-1).minutes - tail[0].minutes;
  const growth = slope * span;
  const ratio = mean(points.slice(-third)) / mean(points.slice(0, third));
  const grows = growth > Math.max(TREND_SHARE * tailMean, TREND_FLOOR);
  return {
    first: points[0].bytes,
    last: points.at(-1).bytes,
    slopeMiBPerMinute: slope / 1024 / 1024,
    ratio,
    verdict: grows
      ? `GROWS: ${mib(growth)} over the last ${span.toFixed(1)} min`
      : `no growth trend (${mib(Math.max(0, growth))} over the last ${span.toFixed(1)} min)`,
  };
}

function complaintBody(index, organisation) {
  return {
    organisation,
    kind: 'complaint',
    channel: index % 3 === 0 ? 'letter' : 'email',
    receivedOn: londonDate(new Date()),
    complainant: {
      name: `Jo Soak ${index}`,
      email: `jo.soak.${index}@example.org`,
      relationship: 'patient',
      address: { lines: [`${index} Station Road`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [{ description: `The discharge letter did not reach my GP (${index}).` }],
    outcomeSought: 'An explanation and an apology',
  };
}
