// The whole system — embedded Postgres, mail catcher, Temporal dev server and the four services — in a
// mode of its own (own ports, own data under .data/<name>), for the fault test and the benchmarks. Its
// data survives a restart of any process (Postgres and Temporal keep their files), and is wiped when the
// system is started again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DATA_DIR, ROOT } from './paths.mjs';
import { postgresCluster, serviceEnvironment, startInfrastructure } from './system.mjs';
import { migrate } from './build.mjs';

/** The services in start order: the workers first, so the API's first workflow finds them. */
export const SERVICES = ['worker', 'correspondence', 'joint-protocol', 'complaints-api'];

// Outside infrastructure the test command passes down; a whole system runs its own.
const OUTSIDE = ['DATABASE_URL', 'SMTP_URL', 'MAIL_INBOX_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_UI_URL'];

/**
 * A mode in the block of ten ports from `base` (24000 → Postgres 24000, Temporal 24001 …; each mode its own thousand, as offsets go up to 900), moved by
 * COMPLAINTS_TEST_PORT_OFFSET. Bases stay below 32768, where Linux takes the ephemeral ports of outgoing
 * connections: a listening port in that range can be taken by any process's client socket (seen here, a mail
 * catcher's port taken by another system's SMTP connection).
 */
export function wholeSystemMode(name, base) {
  const by = base + Number(process.env.COMPLAINTS_TEST_PORT_OFFSET ?? 0);
  if (by + 9 >= 32_768) throw new Error(`${name}: ports from ${by} reach the ephemeral range (32768 and up)`);
  return {
    dataDir: path.join(DATA_DIR, name),
    ports: {
      postgres: by,
      temporal: by + 1,
      temporalUi: by + 2,
      smtp: by + 3,
      mailWeb: by + 4,
      'complaints-api': by + 5,
      correspondence: by + 6,
      'joint-protocol': by + 7,
      worker: by + 8,
    },
    database: `complaints_${name.replaceAll('-', '_')}`,
    fresh: false,
  };
}

/**
 * Starts everything on fresh data: the infrastructure, migrations and the demo seed, then each service
 * with `serviceSettings` (e.g. rate limits) added to its environment. Returns the shared environment.
 * `temporalAddress` puts the services on a Temporal server of the caller's instead of the dev server
 * (the deadline storm's time-skipping server), and `services` starts only some of them.
 */
export async function startWholeSystem(
  supervisor,
  mode,
  temporalCli,
  serviceSettings = {},
  { temporalAddress, services = SERVICES } = {},
) {
  for (const name of Object.keys(process.env))
    if (OUTSIDE.includes(name) || name.startsWith('DATABASE_URL_')) delete process.env[name];
  if (temporalAddress) process.env.TEMPORAL_ADDRESS = temporalAddress;
  fs.rmSync(mode.dataDir, { recursive: true, force: true });
  fs.rmSync(postgresCluster(mode), { recursive: true, force: true });
  fs.mkdirSync(supervisor.logDir, { recursive: true });
  const env = await startInfrastructure(supervisor, mode, temporalCli);
  await migrate(env, { seed: true });
  for (const service of services)
    await supervisor.start(service, {
      command: process.execPath,
      args: [path.join(ROOT, 'services', service, 'dist', 'main.js')],
      env: {
        ...serviceEnvironment(env, service),
        PORT: String(mode.ports[service]),
        NODE_ENV: 'development',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        ...serviceSettings,
      },
      port: mode.ports[service],
      timeoutMs: 120_000,
      fix: `see ${path.join(mode.dataDir, 'logs', `${service}.log`)}`,
    });
  return env;
}

/**
 * A development bearer token (HS256 with the system's AUTH_JWT_SECRET, as `npm run token` makes) for a
 * demo member of staff, e.g. `hpft-handler`, for one audience (complaints-staff, complaints-partners).
 */
export function staffToken(env, staffId, audience = 'complaints-staff') {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { sub: staffId, iss: 'nhs-complaints', aud: audience, iat: now, exp: now + 4 * 3600 };
  const unsigned = `${encode({ alg: 'HS256' })}.${encode(claims)}`;
  const signature = crypto.createHmac('sha256', env.AUTH_JWT_SECRET).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

/** A process's resident memory in bytes, with its children (Postgres's backends, a service's threads). */
export function residentBytes(pid) {
  const tree = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,pgid=,rss='], { encoding: 'utf8' }).stdout;
  let total = 0;
  for (const line of tree.trim().split('\n')) {
    const [, , pgid, rss] = line.trim().split(/\s+/).map(Number);
    if (pgid === pid) total += rss * 1024;
  }
  return total;
}
