#!/usr/bin/env node
// The README's start command: provisions what is missing, migrates and seeds, starts Temporal (with its
// Web UI), Postgres, the mail catcher, every service and the worker, and prints where to find them.
// Ctrl-C stops everything; the next start resumes with the same data (kept under .data/dev).
import path from 'node:path';
import { ROOT } from '../lib/paths.mjs';
import { info, main, step } from '../lib/log.mjs';
import { Supervisor } from '../lib/supervisor.mjs';
import { MODES, postgresCluster, serviceEnvironment, startInfrastructure } from '../lib/system.mjs';
import { ensureTemporalCli, installDependencies } from '../lib/tools.mjs';
import { build, migrate } from '../lib/build.mjs';
import { assertPortsFree } from '../lib/ports.mjs';

// `npm start -- --cluster`: the production-like topology instead (ADR 0020); it exits the process itself.
if (process.argv.includes('--cluster')) {
  await import('./start-cluster.mjs');
  await new Promise(() => {});
}

const mode = MODES.dev;
// `npm start -- --verbose` (or any LOG_LEVEL) copies every service log line to the console; otherwise
// the console shows progress, the URLs and errors, and each service logs to .data/dev/logs/<name>.log.
const verbose = process.argv.includes('--verbose') || Boolean(process.env.LOG_LEVEL);
const logDir = path.join(mode.dataDir, 'logs');
const supervisor = new Supervisor(logDir);

const SERVICES = [
  { name: 'worker', port: mode.ports.worker },
  { name: 'correspondence', port: mode.ports.correspondence },
  // Its single-use links point at the public web's partner pages (ADR 0027).
  {
    name: 'joint-protocol',
    port: mode.ports.jointProtocol,
    env: { PARTNER_LINK_URL: `http://127.0.0.1:${mode.ports.publicWeb}` },
  },
  { name: 'complaints-api', port: mode.ports.complaintsApi },
  // After the API, whose intake takes its submissions (ADR 0022).
  {
    name: 'public-web',
    port: mode.ports.publicWeb,
    env: {
      COMPLAINTS_API_URL: `http://127.0.0.1:${mode.ports.complaintsApi}`,
      JOINT_PROTOCOL_URL: `http://127.0.0.1:${mode.ports.jointProtocol}`,
    },
  },
];

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  info('stopping …');
  await supervisor.stopAll();
  info('stopped');
  process.exit(code);
}

await main(
  async () => {
    process.on('SIGINT', () => void stop(0));
    process.on('SIGTERM', () => void stop(0));

    await installDependencies();
    const temporalCli = await ensureTemporalCli();
    await build();
    await assertPortsFree(Object.fromEntries(SERVICES.map((s) => [s.name, s.port])));
    const env = await step('infrastructure (Postgres, mail catcher, Temporal dev server)', () =>
      startInfrastructure(supervisor, mode, temporalCli),
    );
    await migrate(env, { seed: true });

    for (const service of SERVICES) {
      await step(`service ${service.name}`, () =>
        supervisor
          .start(service.name, {
            command: process.execPath,
            args: [path.join(ROOT, 'services', service.name, 'dist', 'main.js')],
            env: {
              ...serviceEnvironment(env, service.name),
              ...service.env,
              PORT: String(service.port),
              NODE_ENV: process.env.NODE_ENV ?? 'development',
            },
            port: service.port,
            echo: verbose ? 'all' : 'errors',
            timeoutMs: 60_000,
            fix: `see .data/dev/logs/${service.name}.log`,
          })
          .then(() => `http://127.0.0.1:${service.port}`),
      );
    }

    const api = `http://127.0.0.1:${mode.ports.complaintsApi}`;
    process.stdout.write(`
  The complaints system is running. Ctrl-C stops it; the next start resumes with the same data.

    Complaint form        http://127.0.0.1:${mode.ports.publicWeb}/ (one site per organisation: /nct, /hpft, /itrust, /cwth, /hweicb)
    Complaints API docs   ${api}/docs
    Correspondence docs   http://127.0.0.1:${mode.ports.correspondence}/docs
    Joint protocol docs   http://127.0.0.1:${mode.ports.jointProtocol}/docs
    Temporal Web UI       ${env.TEMPORAL_UI_URL || env.TEMPORAL_ADDRESS}
    Mail inbox            ${env.MAIL_INBOX_URL || env.SMTP_URL}
    Service logs          ${path.relative(ROOT, logDir)}/<service>.log${verbose ? '' : ' (npm start -- --verbose shows them here)'}
    Postgres data         ${process.env.DATABASE_URL ? 'DATABASE_URL' : postgresCluster(mode)}

    A demo staff token:   npm run token -- handler@hpft.demo
    (then "Authorize" in ${api}/docs with that token)

`);
    const exited = await supervisor.firstExit();
    if (!stopping) {
      info(`${exited.name} exited unexpectedly (${exited.exitCode}); see .data/dev/logs/${exited.name}.log`);
      await stop(1);
    }
  },
  () => supervisor.stopAll(),
);
