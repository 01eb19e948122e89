// `npm start -- --cluster`: the production-like topology (ADR 0020) on this machine. Provisions what is
// missing (the Temporal server, its SQL tool and Web UI are built into .tools/ on first use), makes the
// cluster's certificates anew, migrates Temporal's schemas and ours, starts the Temporal server on
// Postgres with TLS and its authoriser, the Web UI, and two replicas of the worker, the correspondence
// worker and the complaints API behind one port each, joint-protocol and the public web's complaint form.
// Ctrl-C stops everything; data is kept under .data/cluster (apart from the default mode's .data/dev).
import path from 'node:path';
import { ROOT } from '../lib/paths.mjs';
import { info, main } from '../lib/log.mjs';
import { Supervisor } from '../lib/supervisor.mjs';
import { postgresCluster } from '../lib/system.mjs';
import { ensureTemporalCli, installDependencies } from '../lib/tools.mjs';
import { ensureClusterTools } from '../lib/cluster-tools.mjs';
import { CLUSTER_MODES, startCluster, temporalClientTls } from '../lib/cluster.mjs';
import { build } from '../lib/build.mjs';

const mode = CLUSTER_MODES.dev;
const verbose = process.argv.includes('--verbose') || Boolean(process.env.LOG_LEVEL);
const logDir = path.join(mode.dataDir, 'logs');
const supervisor = new Supervisor(logDir);

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
    await ensureClusterTools();
    await build();
    const { env, services } = await startCluster(supervisor, mode, {
      temporalCli,
      seed: true,
      echo: verbose ? 'all' : 'errors',
    });

    const { ports } = mode;
    const url = (port) => `http://127.0.0.1:${port}`;
    const operations = temporalClientTls(mode, 'operations');
    const relative = (file) => path.relative(ROOT, file);
    process.stdout.write(`
  The complaints system is running as a cluster. Ctrl-C stops it; the next start resumes with the same data.

    Complaint form        ${url(ports.publicWeb)}/ (one site per organisation: /nct, /hpft, /itrust, /cwth)
    Complaints API docs   ${url(ports.complaintsApi)}/docs   (complaints-api-1 and -2 behind this port)
    Correspondence docs   ${url(ports.correspondence)}/docs   (correspondence-1 and -2)
    Joint protocol docs   ${url(ports.jointProtocol)}/docs
    Worker (codec)        ${url(ports.worker)}   (worker-1 and -2)
    Temporal Web UI       ${url(ports.temporalUi)}   (read-only, its own client certificate)
    Temporal frontend     ${env.TEMPORAL_ADDRESS}   (mutual TLS only; certificates in ${relative(path.dirname(path.dirname(operations.TEMPORAL_TLS_CERT)))})
    Mail inbox            ${env.MAIL_INBOX_URL || env.SMTP_URL}
    Service logs          ${relative(logDir)}/<process>.log (${services.map((s) => s.name).join(', ')}, temporal, temporal-history)
    Postgres data         ${process.env.DATABASE_URL ? 'DATABASE_URL' : postgresCluster(mode)}

    A demo staff token:   npm run token -- --cluster handler@hpft.demo
    Temporal as operations staff (read-only):
      temporal workflow list --address ${env.TEMPORAL_ADDRESS} --tls-ca-path ${relative(operations.TEMPORAL_TLS_CA)} \\
        --tls-cert-path ${relative(operations.TEMPORAL_TLS_CERT)} --tls-key-path ${relative(operations.TEMPORAL_TLS_KEY)} --tls-server-name temporal

`);
    const exited = await supervisor.firstExit();
    if (!stopping) {
      info(
        `${exited.name} exited unexpectedly (${exited.exitCode}); see ${relative(logDir)}/${exited.name}.log`,
      );
      await stop(1);
    }
  },
  () => supervisor.stopAll(),
);
