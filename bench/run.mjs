#!/usr/bin/env node
// `npm run bench [-- --complaints=2000 --concurrency=16 --acknowledged=0.7 --cache=750 --storm=300 --trust-year=2000 --only=storm --soak-minutes=10 --soak-rate=1]`: the
// benchmarks of issue #16 on a whole system of their own (infra/lib/whole-system.mjs: the README's embedded
// defaults on other ports), each printing its figures beside a baseline measured in the same run, and
// their ratio.
//   intake: POST /complaints (token, validation, Postgres, outbox, workflow start) against raw
//           client.workflow.start of an empty workflow on the same Temporal server;
//   region: `--complaints` open complaints at a mix of organisations and stages, then the worker's
//           memory, Postgres's size and the worklist's latency against GET /health of the same API;
//   storm:  `--storm` acknowledgement deadlines on the same morning (storm.mjs; the issue's is 5000),
//           against as many plain timers on the same time-skipping server;
//   trust-year: `--trust-year` complaints through realistic paths and then a year of their deadlines on
//           the time-skipping server (trust-year.mjs), against as many taken in and withdrawn, with the
//           proof that each reached the stage its path says;
//   soak (only with --only=soak): `--soak-minutes` of intake, acknowledgements and reads at
//           `--soak-rate` complaints a second on the whole system, every process's memory sampled, and
//           its growth trend (soak.mjs).
// `npm run bench -- --cluster [--complaints=200 --concurrency=8]` instead runs the intake and acknowledgement
// load on the dev server's topology and on the cluster's (issue #17, ADR 0026) side by side: topology.mjs.
// Not part of the test command; bench/RESULTS.md records what it printed and on which machine.
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Supervisor } from '../infra/lib/supervisor.mjs';
import { ensureTemporalCli } from '../infra/lib/tools.mjs';
import { residentBytes, staffToken, startWholeSystem, wholeSystemMode } from '../infra/lib/whole-system.mjs';
import { closedLoop, expectStatus, fromApi, fromInfra, fromWorker, mib, ms, report } from './lib.mjs';
import { stormBenchmark } from './storm.mjs';
import { topologyBenchmark } from './topology.mjs';
import { soakBenchmark } from './soak.mjs';
import { trustYearBenchmark } from './trust-year.mjs';

const options = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => arg.slice(2).split('=')),
);
const COMPLAINTS = Number(options.complaints ?? 2_000);
const CONCURRENCY = Number(options.concurrency ?? 16);
const ACKNOWLEDGED = Number(options.acknowledged ?? 0.7);
const INTAKE_SAMPLE = Math.min(COMPLAINTS, Number(options['intake-sample'] ?? 400));
const STORM = Number(options.storm ?? 300);
const TRUST_YEAR = Number(options['trust-year'] ?? 2_000);
// The soak (not in the default set: it runs for minutes by design); its rate is in bench/RESULTS.md.
const SOAK = {
  minutes: Number(options['soak-minutes'] ?? 10),
  rate: Number(options['soak-rate'] ?? 1),
  cache: Number(options.cache ?? 100),
};
// The workers' sticky cache (WORKFLOW_CACHE_SIZE); unset, the services' default.
const CACHE = options.cache ? { WORKFLOW_CACHE_SIZE: String(Number(options.cache)) } : {};
const ONLY = new Set((options.only ?? 'intake,region,storm,trust-year').split(','));
const ORGANISATIONS = ['HPFT', 'NCT', 'ITRUST', 'CWTH'];

const mode = wholeSystemMode('bench', 25_000);
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
const api = `http://127.0.0.1:${mode.ports['complaints-api']}`;

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => void supervisor.stopAll().finally(() => process.exit(1)));

try {
  process.stdout.write(
    `bench: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${mib(os.totalmem())} memory, Node ${process.version}\n` +
      ('cluster' in options
        ? `       --cluster --complaints=${options.complaints ?? 200} --concurrency=${options.concurrency ?? 8}\n`
        : `       --complaints=${COMPLAINTS} --concurrency=${CONCURRENCY} --acknowledged=${ACKNOWLEDGED} --intake-sample=${INTAKE_SAMPLE} --storm=${STORM} --trust-year=${TRUST_YEAR} --cache=${options.cache ?? 'default'} --only=${[...ONLY].join(',')}\n` +
          (ONLY.has('soak')
            ? `       --soak-minutes=${SOAK.minutes} --soak-rate=${SOAK.rate} (cache ${SOAK.cache})\n`
            : '')),
  );
  if ('cluster' in options) {
    await topologyBenchmark({
      complaints: Number(options.complaints ?? 200),
      concurrency: Number(options.concurrency ?? 8),
    });
  } else if (ONLY.has('intake') || ONLY.has('region')) {
    const env = await startWholeSystem(supervisor, mode, await ensureTemporalCli(), {
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
      ...CACHE,
    });
    const idleWorker = residentBytes(supervisor.pidOf('worker'));
    const tokens = Object.fromEntries(
      ORGANISATIONS.map((code) => [code, staffToken(env, `${code.toLowerCase()}-handler`)]),
    );
    const references = ONLY.has('intake') ? await intakeBenchmark(env, tokens) : [];
    if (ONLY.has('region')) await regionBenchmark(env, tokens, references, idleWorker);
    await supervisor.stopAll();
  }
  if (ONLY.has('storm') && !('cluster' in options))
    await stormBenchmark({ complaints: STORM, concurrency: CONCURRENCY });
  if (ONLY.has('trust-year') && !('cluster' in options))
    await trustYearBenchmark({ complaints: TRUST_YEAR, concurrency: CONCURRENCY });
  if (ONLY.has('soak') && !('cluster' in options)) await soakBenchmark(SOAK);
} catch (error) {
  process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await supervisor.stopAll();
}

function complaintBody(index) {
  const organisation = ORGANISATIONS[index % ORGANISATIONS.length];
  return {
    organisation,
    body: {
      organisation,
      kind: 'complaint',
      channel: index % 3 === 0 ? 'letter' : 'email',
      receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
      complainant: {
        name: `Jo Bench ${index}`,
        email: `jo.bench.${index}@example.org`,
        relationship: 'patient',
        address: { lines: [`${index} Station Road`, 'Hatfield'], postcode: 'AL10 8YE' },
      },
      replyChannels: ['email'],
      issues: [{ description: `The discharge letter did not reach my GP (${index}).` }],
      outcomeSought: 'An explanation and an apology',
    },
  };
}

function intake(tokens, index) {
  const { organisation, body } = complaintBody(index);
  return expectStatus(
    `${api}/complaints`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens[organisation]}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    },
    201,
  ).then((created) => ({ organisation, reference: created.reference }));
}

async function intakeBenchmark(env, tokens) {
  const { Client, Connection } = fromApi('@temporalio/client');
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection });
  // Warm both paths (JIT, connection pools) before measuring.
  await closedLoop(32, CONCURRENCY, () =>
    client.workflow.start('benchEmpty', { taskQueue: 'bench-empty', workflowId: `warm-${randomUUID()}` }),
  );
  const references = [];
  const warm = await closedLoop(32, CONCURRENCY, (i) =>
    intake(tokens, i).then((made) => references.push(made)),
  );
  const raw = await closedLoop(INTAKE_SAMPLE, CONCURRENCY, () =>
    client.workflow.start('benchEmpty', { taskQueue: 'bench-empty', workflowId: `raw-${randomUUID()}` }),
  );
  const measured = await closedLoop(INTAKE_SAMPLE, CONCURRENCY, (i) =>
    intake(tokens, warm.count + i).then((made) => references.push(made)),
  );
  await connection.close();
  report(`intake at concurrency ${CONCURRENCY} (${INTAKE_SAMPLE} each)`, {
    'POST /complaints': `${measured.perSecond.toFixed(1)}/s  p50 ${ms(measured.p50)}  p99 ${ms(measured.p99)}  errors ${measured.errors}`,
    'baseline: raw workflow.start': `${raw.perSecond.toFixed(1)}/s  p50 ${ms(raw.p50)}  p99 ${ms(raw.p99)}  errors ${raw.errors}`,
    'ratio (target >= 0.8)': (measured.perSecond / raw.perSecond).toFixed(2),
    'intake p99 (target < 300 ms)': ms(measured.p99),
  });
  return references;
}

async function regionBenchmark(env, tokens, references, idleWorker) {
  const remaining = COMPLAINTS - references.length;
  const seeding = await closedLoop(remaining, CONCURRENCY, (i) =>
    intake(tokens, references.length + 1_000_000 + i).then((made) => references.push(made)),
  );
  // A realistic spread of stages: most acknowledged (then in early resolution or the closer look by
  // profile), the rest still awaiting acknowledgement.
  const toAcknowledge = references.slice(0, Math.round(references.length * ACKNOWLEDGED));
  const acknowledging = await closedLoop(toAcknowledge.length, CONCURRENCY, (i) =>
    expectStatus(
      `${api}/complaints/${toAcknowledge[i].reference}/acknowledgement`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens[toAcknowledge[i].organisation]}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ method: 'written' }),
      },
      200,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 10_000)); // letters and stage changes settle

  const pg = fromInfra('pg');
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const stages = (
    await db.query(
      `SELECT stage, count(*)::int AS count FROM complaint WHERE closed_at IS NULL GROUP BY stage ORDER BY stage`,
    )
  ).rows;
  const [{ size }] = (await db.query(`SELECT pg_database_size(current_database())::bigint AS size`)).rows;
  const running = stages.reduce((sum, { count }) => sum + count, 0);
  await db.end();

  const manager = staffToken(env, 'hpft-complaints-manager');
  const headers = { Authorization: `Bearer ${manager}` };
  const pages = Math.max(1, Math.floor(references.length / ORGANISATIONS.length / 25));
  const worklistUrls = [
    (i) => `${api}/complaints?stage=early-resolution&page=${1 + (i % pages)}&pageSize=25`,
    (i) => `${api}/complaints?stage=awaiting-acknowledgement&page=${1 + (i % pages)}&pageSize=25`,
    (i) => `${api}/complaints?page=${1 + (i % pages)}&pageSize=25`,
  ];
  const health = await closedLoop(300, 4, () => expectStatus(`${api}/health`, {}, 200));
  const worklist = await closedLoop(300, 4, (i) =>
    expectStatus(worklistUrls[i % worklistUrls.length](i), { headers }, 200),
  );
  const rss = Object.fromEntries(
    ['worker', 'correspondence', 'joint-protocol', 'complaints-api', 'postgres', 'temporal'].map((name) => [
      name,
      residentBytes(supervisor.pidOf(name)),
    ]),
  );
  report(`a region's open complaints (${references.length} taken in)`, {
    'seeding (intake)': `${seeding.perSecond.toFixed(1)}/s, errors ${seeding.errors}`,
    acknowledged: `${toAcknowledge.length} (${acknowledging.perSecond.toFixed(1)}/s, errors ${acknowledging.errors})`,
    'open by stage': stages.map(({ stage, count }) => `${stage} ${count}`).join(', '),
    'worker RSS (target < 1.5 GiB)': mib(rss.worker),
    'worker RSS idle, growth per complaint': `${mib(idleWorker)}, ${((rss.worker - idleWorker) / references.length / 1024).toFixed(0)} KiB`,
    'workflow bundle': `${mib(await bundleBytes())} (${running} workflows running)`,
    'other RSS': `correspondence ${mib(rss.correspondence)}, joint-protocol ${mib(rss['joint-protocol'])}, API ${mib(rss['complaints-api'])}, Postgres ${mib(rss.postgres)}, Temporal ${mib(rss.temporal)}`,
    'Postgres size': mib(Number(size)),
    'worklist, filtered + paginated': `p50 ${ms(worklist.p50)}  p99 ${ms(worklist.p99)}  errors ${worklist.errors}`,
    'baseline: GET /health': `p50 ${ms(health.p50)}  p99 ${ms(health.p99)}`,
    'ratio p99 (worklist / health)': (worklist.p99 / health.p99).toFixed(2),
    'worklist p99 (target < 100 ms)': ms(worklist.p99),
  });
}

/** The complaints queue's workflow bundle as the worker builds it (code and its inline source map). */
async function bundleBytes() {
  const { bundleWorkflowCode } = fromWorker('@temporalio/worker');
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  const { code } = await bundleWorkflowCode({
    workflowsPath: fromWorker.resolve('@complaints/workflows'),
    workflowInterceptorModules: [fromWorker.resolve('@complaints/workflows/interceptors')],
    logger: quiet,
  });
  return Buffer.byteLength(code);
}
