// Runs the cluster topology (lib/cluster.mjs, the test ports and a throw-away data directory) for
// cluster.test.js, which cannot import ES modules: prints `ready <json>` once everything is up, then
// obeys one command a line on stdin and answers each with `done <json>`:
//   kill <process>     SIGKILL, as a crashed replica;   restart <process>  SIGTERM, then start it again;
//   stop               stops everything and exits.
import readline from 'node:readline';
import path from 'node:path';
import fs from 'node:fs';
import { Supervisor } from '../lib/supervisor.mjs';
import {
  CLUSTER_MODES,
  startCluster,
  startServiceReplica,
  startTemporalProcess,
  TEMPORAL_PROCESSES,
  certificatesDir,
} from '../lib/cluster.mjs';
import { ensureClusterTools } from '../lib/cluster-tools.mjs';

// The test command's own infrastructure (its Postgres, SMTP and dev server) is not this topology's.
for (const name of Object.keys(process.env))
  if (/^(DATABASE_URL|SMTP_URL|MAIL_INBOX_URL|TEMPORAL_ADDRESS|TEMPORAL_UI_URL|TEMPORAL_TLS_)/.test(name))
    delete process.env[name];

const mode = CLUSTER_MODES.test;
fs.rmSync(path.join(mode.dataDir, 'logs'), { recursive: true, force: true });
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
const say = (word, value) => process.stdout.write(`${word} ${JSON.stringify(value)}\n`);

try {
  await ensureClusterTools();
  const cluster = await startCluster(supervisor, mode, {
    temporalCli: process.env.TEMPORAL_CLI_PATH ?? 'temporal',
    seed: true,
  });
  const { env, serverEnv, processes, services } = cluster;
  const pids = () =>
    Object.fromEntries(Object.entries(processes).map(([name, entry]) => [name, entry.child.pid]));
  say('ready', {
    ports: mode.ports,
    certificates: certificatesDir(mode.dataDir),
    logs: supervisor.logDir,
    mailInbox: env.MAIL_INBOX_URL,
    // What the token CLI needs to sign a demo staff token for this system.
    keys: Object.fromEntries(
      ['AUTH_JWT_SECRET', 'PAYLOAD_ENCRYPTION_KEY', 'COMMAND_SIGNING_KEY'].map((k) => [k, env[k]]),
    ),
    pids: pids(),
  });

  const stopEntry = async (entry, signal) => {
    if (entry.alive) process.kill(-entry.child.pid, signal);
    await entry.exited;
  };
  const startAgain = (name) => {
    const temporal = TEMPORAL_PROCESSES.find((p) => p.name === name);
    if (temporal) return startTemporalProcess(supervisor, mode, serverEnv, temporal);
    return startServiceReplica(
      supervisor,
      env,
      mode,
      services.find((s) => s.name === name),
    );
  };
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const [command, name] = line.trim().split(/\s+/);
    if (command === 'stop') break;
    const started = Date.now();
    if (command === 'kill') await stopEntry(processes[name], 'SIGKILL');
    if (command === 'restart') {
      await stopEntry(processes[name], 'SIGTERM');
      processes[name] = await startAgain(name);
    }
    say('done', { command, name, ms: Date.now() - started, pids: pids() });
  }
} catch (error) {
  process.stderr.write(`${error?.message ?? error}\n`);
  process.exitCode = 1;
}
await supervisor.stopAll();
process.exit();
