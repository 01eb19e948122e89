// The system's processes and their settings, for the two ways it runs: `start` (development, data kept
// under .data/dev) and `test` (throw-away data under .data/test, other ports so both can run at once).
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT } from './paths.mjs';
import { assertPortsFree } from './ports.mjs';
import { clusterDir } from './postgres-home.mjs';
import { provisionDatabaseRoles, SERVICE_ROLES, serviceUrlVariable } from './database-roles.mjs';
import { embeddedDatabasePasswords, embeddedSecrets } from './secrets.mjs';

export const MODES = {
  dev: {
    dataDir: path.join(DATA_DIR, 'dev'),
    ports: {
      postgres: 5433,
      temporal: 7233,
      temporalUi: 8233,
      smtp: 1025,
      mailWeb: 1080,
      complaintsApi: 3000,
      correspondence: 3001,
      jointProtocol: 3002,
      worker: 3003,
      publicWeb: 3004,
    },
    database: 'complaints',
    fresh: false,
  },
  test: {
    dataDir: path.join(DATA_DIR, 'test'),
    // COMPLAINTS_TEST_PORT_OFFSET moves them, so that two checkouts can run their tests side by side. All stay
    // below 32768, where Linux takes outgoing connections' ephemeral ports.
    ports: offset(
      { postgres: 15433, temporal: 17233, temporalUi: 18233, smtp: 11025, mailWeb: 11080 },
      Number(process.env.COMPLAINTS_TEST_PORT_OFFSET ?? 0),
    ),
    database: 'complaints_test',
    fresh: true,
  },
  // infra/bin/smoke.mjs: the embedded infrastructure started and stopped on its own, data kept.
  smoke: {
    dataDir: path.join(DATA_DIR, 'smoke'),
    ports: { postgres: 16433, temporal: 27233, temporalUi: 28233, smtp: 21025, mailWeb: 21080 },
    database: 'complaints_smoke',
    fresh: false,
  },
};

function offset(ports, by) {
  return Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + by]));
}

/** Where the embedded Postgres of a mode keeps its cluster (see postgres-home.mjs). */
export const postgresCluster = (mode) => clusterDir(path.join(mode.dataDir, 'postgres'));

const infraBin = (name) => path.join(ROOT, 'infra', 'node_modules', '.bin', name);

/** Postgres, the mail catcher and the Temporal dev server, unless DATABASE_URL / SMTP_URL / TEMPORAL_ADDRESS point elsewhere. */
export async function startInfrastructure(supervisor, mode, temporalCli) {
  const { ports, dataDir } = mode;
  const external = {
    postgres: Boolean(process.env.DATABASE_URL),
    smtp: Boolean(process.env.SMTP_URL),
    temporal: Boolean(process.env.TEMPORAL_ADDRESS),
  };
  // The cluster topology (cluster.mjs) runs its own Temporal server instead of the dev server.
  if (mode.cluster) external.temporal = true;
  const needed = {};
  if (!external.postgres) needed.postgres = ports.postgres;
  if (!external.smtp) Object.assign(needed, { smtp: ports.smtp, 'mail inbox': ports.mailWeb });
  if (!external.temporal)
    Object.assign(needed, { temporal: ports.temporal, 'Temporal UI': ports.temporalUi });
  await assertPortsFree(needed);
  fs.mkdirSync(dataDir, { recursive: true });

  const env = {
    ...embeddedSecrets(dataDir),
    DATABASE_URL:
      process.env.DATABASE_URL ??
      `postgres://complaints:complaints@127.0.0.1:${ports.postgres}/${mode.database}`,
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${ports.smtp}`,
    MAIL_INBOX_URL: process.env.MAIL_INBOX_URL ?? (external.smtp ? '' : `http://127.0.0.1:${ports.mailWeb}`),
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${ports.temporal}`,
    TEMPORAL_UI_URL:
      process.env.TEMPORAL_UI_URL ??
      (external.temporal || mode.fresh ? '' : `http://127.0.0.1:${ports.temporalUi}`),
  };

  const starts = [];
  if (!external.postgres) {
    starts.push(
      supervisor.start('postgres', {
        command: process.execPath,
        args: [
          path.join(ROOT, 'infra', 'runners', 'postgres.mjs'),
          postgresCluster(mode),
          String(ports.postgres),
          mode.database,
          ...(mode.fresh ? ['--fresh'] : []),
        ],
        cwd: path.join(ROOT, 'infra'),
        readyLine: /postgres ready/,
        timeoutMs: 120_000,
        fix: `see the log; to use your own Postgres, set DATABASE_URL`,
      }),
    );
  }
  if (!external.smtp) {
    starts.push(
      supervisor.start('mail', {
        command: infraBin('maildev'),
        args: ['--ip', '127.0.0.1', '--smtp', String(ports.smtp), '--web', String(ports.mailWeb), '--silent'],
        port: ports.mailWeb,
        fix: 'to use your own SMTP server, set SMTP_URL',
      }),
    );
  }
  if (!external.temporal) {
    const temporalArgs = [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(ports.temporal),
      '--ui-port',
      String(ports.temporalUi),
      '--log-level',
      'warn',
    ];
    // The dev UI has no sign-in, so it gets no codec endpoint (which wants an operations token): it shows
    // payloads encrypted. README, "Security": how operations staff read them.
    if (!mode.fresh) temporalArgs.push('--db-filename', path.join(dataDir, 'temporal.db'));
    else temporalArgs.push('--headless');
    starts.push(
      supervisor.start('temporal', {
        command: temporalCli,
        args: temporalArgs,
        port: ports.temporal,
        timeoutMs: 90_000,
        fix: 'see the log; to use another Temporal server, set TEMPORAL_ADDRESS',
      }),
    );
  }
  await Promise.all(starts);
  if (!external.postgres) {
    // The superuser's URL stops here: migrations run as the schema's owner, each service as its own role.
    const passwords = embeddedDatabasePasswords(dataDir, ['owner', ...Object.keys(SERVICE_ROLES)]);
    Object.assign(env, await provisionDatabaseRoles(env.DATABASE_URL, passwords));
  }
  return env;
}

/**
 * A service's environment: its own database URL, none of the other services' or the owner's, and the
 * command signing key only for the complaints API (ADR 0012) and the partners' own for the joint-protocol
 * service (ADR 0019).
 */
export function serviceEnvironment(env, service) {
  const own = {};
  for (const [name, value] of Object.entries(env)) if (!name.startsWith('DATABASE_URL_')) own[name] = value;
  own.DATABASE_URL = env[serviceUrlVariable(service)] ?? env.DATABASE_URL;
  if (service !== 'complaints-api') delete own.COMMAND_SIGNING_KEY;
  if (service !== 'complaints-api' && service !== 'public-web') delete own.PUBLIC_INTAKE_KEY;
  // The joint-protocol service signs partners' commands with its own key and its worker trusts both (ADR 0019).
  if (service === 'joint-protocol' && env.PARTNER_COMMAND_SIGNING_KEY) {
    own.COMMAND_SIGNING_KEY = env.PARTNER_COMMAND_SIGNING_KEY;
    own.COMMAND_VERIFICATION_KEYS = env.JOINT_COMMAND_VERIFICATION_KEYS;
  }
  delete own.PARTNER_COMMAND_SIGNING_KEY;
  delete own.JOINT_COMMAND_VERIFICATION_KEYS;
  return own;
}
