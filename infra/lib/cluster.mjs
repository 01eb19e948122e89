// The cluster topology (`npm start -- --cluster`, and the cluster test): Postgres and the mail catcher
// as in the default mode; a Temporal server on that Postgres, its history service in a process of its
// own and the frontend, matching and worker services in another, TLS everywhere with certificates made
// for this run (certificates from infra/temporal/make-certs.sh, the authoriser in infra/temporal/server);
// the Temporal Web UI, read-only; two replicas each of the worker, the correspondence worker and the
// complaints API, each pair behind one port (runners/replicas-proxy.mjs); joint-protocol, and the public
// web's complaint form in front of the API's port. ADR 0020.
import path from 'node:path';
import { DATA_DIR, ROOT } from './paths.mjs';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { migrate } from './build.mjs';
import { assertPortsFree } from './ports.mjs';
import { serviceEnvironment, startInfrastructure } from './system.mjs';
import { embeddedDatabasePasswords } from './secrets.mjs';
import { CLUSTER_BINARIES } from './cluster-tools.mjs';

const TEMPORAL_DIR = path.join(ROOT, 'infra', 'temporal');
export const REPLICAS = 2;
export const REPLICATED = ['worker', 'correspondence', 'complaints-api'];
/** The one service that is not Temporal's client: the complaint form reaches only the API (ADR 0022). */
export const OUTSIDE_TEMPORAL = ['public-web'];
const SINGLE_PORT = { 'joint-protocol': 'jointProtocol', 'public-web': 'publicWeb' };

/**
 * Ports in one block of 40 from `base`: test runs use 19000 + COMPLAINTS_TEST_PORT_OFFSET (offsets are
 * multiples of 100, so checkouts never share a block), `npm start -- --cluster` uses 29000.
 */
export function clusterPorts(base) {
  return {
    postgres: base,
    smtp: base + 1,
    mailWeb: base + 2,
    temporal: base + 3,
    temporalHttp: base + 4,
    frontendMembership: base + 5,
    history: base + 6,
    historyMembership: base + 7,
    matching: base + 8,
    matchingMembership: base + 9,
    temporalWorker: base + 10,
    temporalWorkerMembership: base + 11,
    temporalUi: base + 12,
    complaintsApi: base + 20,
    correspondence: base + 21,
    worker: base + 22,
    jointProtocol: base + 23,
    publicWeb: base + 24,
    replicas: base + 30, // base+30 … base+35: each replicated service's two replicas
  };
}

export const CLUSTER_MODES = {
  dev: {
    dataDir: path.join(DATA_DIR, 'cluster'),
    ports: clusterPorts(29000),
    database: 'complaints',
    fresh: false,
    cluster: true,
  },
  test: {
    dataDir: path.join(DATA_DIR, 'cluster-test'),
    ports: clusterPorts(19000 + Number(process.env.COMPLAINTS_TEST_PORT_OFFSET ?? 0)),
    database: 'complaints_cluster',
    fresh: true,
    cluster: true,
  },
};

/** The processes of the topology, in start order, with their ports. */
export function clusterProcesses(mode) {
  const { ports } = mode;
  const replicaPort = (service, index) => ports.replicas + REPLICATED.indexOf(service) * REPLICAS + index;
  const services = [];
  for (const service of ['worker', 'correspondence', 'joint-protocol', 'complaints-api', 'public-web']) {
    const count = REPLICATED.includes(service) ? REPLICAS : 1;
    for (let index = 0; index < count; index += 1)
      services.push({
        name: count > 1 ? `${service}-${index + 1}` : service,
        service,
        port: count > 1 ? replicaPort(service, index) : ports[SINGLE_PORT[service]],
      });
  }
  const front = {
    worker: ports.worker,
    correspondence: ports.correspondence,
    'complaints-api': ports.complaintsApi,
  };
  const proxies = REPLICATED.map((service) => ({
    name: `${service}-proxy`,
    service,
    port: front[service],
    replicas: services.filter((s) => s.service === service),
  }));
  return { services, proxies };
}

/** The variables config/cluster.yaml, setup-schema.sh and the server read (compose sets the same names). */
export function temporalServerEnvironment(mode, database) {
  const { ports, dataDir } = mode;
  return {
    TEMPORAL_DB_HOST: database.host,
    TEMPORAL_DB_PORT: String(database.port),
    TEMPORAL_DB_USER: database.user,
    TEMPORAL_DB_PASSWORD: database.password,
    TEMPORAL_DB_NAME: 'temporal',
    TEMPORAL_VISIBILITY_DB_NAME: 'temporal_visibility',
    TEMPORAL_HISTORY_SHARDS: '4',
    TEMPORAL_BIND_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    TEMPORAL_TLS_DIR: path.join(certificatesDir(dataDir), 'temporal'),
    TEMPORAL_TLS_SERVER_NAME: 'temporal',
    TEMPORAL_DYNAMIC_CONFIG: path.join(TEMPORAL_DIR, 'config', 'dynamicconfig.yaml'),
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_LOG_LEVEL: 'warn',
    TEMPORAL_FRONTEND_PORT: String(ports.temporal),
    TEMPORAL_FRONTEND_HTTP_PORT: String(ports.temporalHttp),
    TEMPORAL_FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    TEMPORAL_HISTORY_PORT: String(ports.history),
    TEMPORAL_HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    TEMPORAL_MATCHING_PORT: String(ports.matching),
    TEMPORAL_MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    TEMPORAL_WORKER_PORT: String(ports.temporalWorker),
    TEMPORAL_WORKER_MEMBERSHIP_PORT: String(ports.temporalWorkerMembership),
  };
}

/** The two Temporal server processes (compose: `temporal-history` and `temporal`). */
export const TEMPORAL_PROCESSES = [
  { name: 'temporal-history', services: ['history'], port: 'history' },
  { name: 'temporal', services: ['frontend', 'matching', 'worker'], port: 'temporal' },
];

export const certificatesDir = (dataDir) => path.join(dataDir, 'certs');

/** A client's mTLS settings, as the services and the Temporal CLI read them. */
export function temporalClientTls(mode, identity) {
  const dir = path.join(certificatesDir(mode.dataDir), identity);
  return {
    TEMPORAL_ADDRESS: `127.0.0.1:${mode.ports.temporal}`,
    TEMPORAL_TLS_CA: path.join(dir, 'ca.pem'),
    TEMPORAL_TLS_CERT: path.join(dir, 'cert.pem'),
    TEMPORAL_TLS_KEY: path.join(dir, 'key.pem'),
    TEMPORAL_TLS_SERVER_NAME: 'temporal',
  };
}

export async function makeCertificates(mode) {
  await step('certificates (a new CA, one per identity)', () =>
    run('certificates', 'sh', [path.join(TEMPORAL_DIR, 'make-certs.sh')], {
      env: { CERTS_DIR: certificatesDir(mode.dataDir) },
      quiet: true,
      fix: 'install openssl',
    }).then(() => path.relative(ROOT, certificatesDir(mode.dataDir))),
  );
}

/** Temporal's own login and its two databases in the embedded Postgres (the superuser makes them). */
async function provisionTemporalDatabases(superuserUrl, password) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = 'temporal'");
    const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password.replaceAll("'", "''")}'`;
    await client.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE temporal ${options}`);
    for (const database of ['temporal', 'temporal_visibility']) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!found.rowCount) await client.query(`CREATE DATABASE ${database} OWNER temporal`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts the Temporal server (both processes), waits for it, and makes the namespace and search
 * attributes as the server's own identity. Returns what a restart needs.
 */
export async function startTemporalCluster(supervisor, mode, serverEnv, temporalCli) {
  const started = {};
  for (const process of TEMPORAL_PROCESSES)
    started[process.name] = await startTemporalProcess(supervisor, mode, serverEnv, process);
  await step('Temporal namespace and search attributes', () =>
    run('namespace', 'sh', [path.join(TEMPORAL_DIR, 'setup-namespace.sh')], {
      env: {
        ...temporalClientTls(mode, 'temporal'),
        TEMPORAL_CLI: temporalCli,
        TEMPORAL_NAMESPACE: 'default',
      },
      quiet: true,
      fix: `see ${path.relative(ROOT, supervisor.logDir)}/temporal.log`,
    }).then((output) => output.trim().split('\n').pop()),
  );
  return started;
}

export function startTemporalProcess(supervisor, mode, serverEnv, { name, services, port }) {
  return supervisor.start(name, {
    command: CLUSTER_BINARIES.server,
    args: ['-config', path.join(TEMPORAL_DIR, 'config'), '-env', 'cluster', '-service', services.join(',')],
    env: serverEnv,
    port: mode.ports[port],
    timeoutMs: 120_000,
    fix: `see ${path.relative(ROOT, supervisor.logDir)}/${name}.log`,
  });
}

/**
 * Where each service finds the others (as the default mode's start sets them): the single-use links and
 * progress links open the public web's pages, and the public web sends to the API's port, in front of both
 * of its replicas.
 */
export function serviceLinks(ports, service) {
  const url = (port) => `http://127.0.0.1:${port}`;
  const links = {
    'joint-protocol': { PARTNER_LINK_URL: url(ports.publicWeb) },
    'complaints-api': { PUBLIC_WEB_URL: url(ports.publicWeb) },
    'public-web': {
      COMPLAINTS_API_URL: url(ports.complaintsApi),
      JOINT_PROTOCOL_URL: url(ports.jointProtocol),
    },
  };
  return links[service] ?? {};
}

/** A replica of one of our services, with its own database login and (Temporal's clients) its own certificate. */
export function startServiceReplica(supervisor, env, mode, { name, service, port }, echo = 'errors') {
  return supervisor.start(name, {
    command: process.execPath,
    args: [path.join(ROOT, 'services', service, 'dist', 'main.js')],
    env: {
      ...serviceEnvironment(env, service),
      ...(OUTSIDE_TEMPORAL.includes(service) ? {} : temporalClientTls(mode, service)),
      ...serviceLinks(mode.ports, service),
      PORT: String(port),
      NODE_ENV: process.env.NODE_ENV ?? 'development',
    },
    port,
    echo,
    timeoutMs: 90_000,
    fix: `see ${path.relative(ROOT, supervisor.logDir)}/${name}.log`,
  });
}

export function startProxy(supervisor, { name, port, replicas }) {
  return supervisor.start(name, {
    command: process.execPath,
    args: [
      path.join(ROOT, 'infra', 'runners', 'replicas-proxy.mjs'),
      String(port),
      replicas.map((replica) => `${replica.name}=${replica.port}`).join(','),
    ],
    port,
  });
}

function startUi(supervisor, mode) {
  return supervisor.start('temporal-ui', {
    command: CLUSTER_BINARIES.ui,
    args: ['--root', TEMPORAL_DIR, '--config', 'config', '--env', 'ui', 'start'],
    env: {
      ...temporalClientTls(mode, 'temporal-ui'),
      TEMPORAL_UI_HOST: '127.0.0.1',
      TEMPORAL_UI_PORT: String(mode.ports.temporalUi),
      TEMPORAL_CORS_ORIGINS: `http://127.0.0.1:${mode.ports.temporalUi}`,
      TEMPORAL_DISABLE_WRITE_ACTIONS: 'true',
    },
    port: mode.ports.temporalUi,
    fix: `see ${path.relative(ROOT, supervisor.logDir)}/temporal-ui.log`,
  });
}

/**
 * The whole topology. Returns the environment (as startInfrastructure's), the Temporal server's, the
 * processes started (supervisor entries by name) and the specs to start any of them again.
 */
export async function startCluster(supervisor, mode, { temporalCli, seed, ui = true, echo = 'errors' }) {
  const { services, proxies } = clusterProcesses(mode);
  const { ports } = mode;
  await assertPortsFree({
    ...Object.fromEntries(TEMPORAL_PROCESSES.map((p) => [p.name, ports[p.port]])),
    'Temporal UI': ports.temporalUi,
    ...Object.fromEntries([...services, ...proxies].map((s) => [s.name, s.port])),
  });
  await makeCertificates(mode);
  const env = await step('infrastructure (Postgres, mail catcher)', () =>
    startInfrastructure(supervisor, mode, null),
  );
  const superuserUrl =
    process.env.DATABASE_URL ??
    `postgres://complaints:complaints@127.0.0.1:${ports.postgres}/${mode.database}`;
  const temporalPassword = embeddedDatabasePasswords(mode.dataDir, ['temporal']).temporal;
  await provisionTemporalDatabases(superuserUrl, temporalPassword);
  const database = new URL(superuserUrl);
  const serverEnv = temporalServerEnvironment(mode, {
    host: database.hostname,
    port: database.port || 5432,
    user: 'temporal',
    password: temporalPassword,
  });
  await step('Temporal schemas (persistence, visibility)', () =>
    run('Temporal schemas', 'sh', [path.join(TEMPORAL_DIR, 'setup-schema.sh')], {
      env: { ...serverEnv, TEMPORAL_SQL_TOOL: CLUSTER_BINARIES.sqlTool },
      quiet: true,
      fix: 'see the output above',
    }).then(() => 'up to date'),
  );
  const processes = await step('Temporal server (history; frontend, matching, worker)', () =>
    startTemporalCluster(supervisor, mode, serverEnv, temporalCli),
  );
  if (ui)
    processes['temporal-ui'] = await step('Temporal Web UI (read-only)', () => startUi(supervisor, mode));
  await migrate(env, { seed });
  // Each pair's proxy as soon as both replicas are up: the public web, last, sends to the API's.
  for (const replica of services) {
    processes[replica.name] = await step(`service ${replica.name}`, () =>
      startServiceReplica(supervisor, env, mode, replica, echo),
    );
    const proxy = proxies.find((p) => p.replicas.at(-1).name === replica.name);
    if (proxy) processes[proxy.name] = await startProxy(supervisor, proxy);
  }
  return { env, serverEnv, processes, services, proxies };
}
