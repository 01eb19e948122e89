// A fresh machine, as a newcomer meets it (issue: the two README commands on a truly fresh machine):
// the project's files copied into a directory only its owner may enter, with no pnpm or pnpx anywhere
// on PATH and nothing under .tools/ or node_modules/. There, infra/bin/smoke.mjs provisions pnpm, the
// dependencies, the Temporal CLI and the test server, builds through turbo, and starts and stops the
// embedded Postgres (as root: as the `postgres` user, outside the private directory), mail catcher
// and Temporal dev server; a second start finds the data of the first; and each failure names its
// cause and fix, exits non-zero and leaves nothing running. Caches a machine keeps after its first run
// (the pnpm store, Go's build cache, Maven's repository) make it take a minute or two.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

jest.setTimeout(600_000);

const root = path.resolve(__dirname, '..', '..');
const SMOKE_PORTS = { postgres: 16433, temporal: 27233, temporalUi: 28233, smtp: 21025, mailWeb: 21080 };
let base;
let project;

/** PATH with every entry holding one of `hidden` replaced by links to the rest of it (as fresh-clone-test does). */
function pathWithout(hidden) {
  const entries = [];
  for (const entry of process.env.PATH.split(path.delimiter)) {
    if (!entry || !fs.existsSync(entry) || entry.startsWith(path.join(root, '.tools'))) continue;
    if (!hidden.some((name) => fs.existsSync(path.join(entry, name)))) {
      entries.push(entry);
      continue;
    }
    const shadow = fs.mkdtempSync(path.join(base, 'path-'));
    for (const file of fs.readdirSync(entry))
      if (!hidden.includes(file)) fs.symlinkSync(path.join(entry, file), path.join(shadow, file));
    entries.push(shadow);
  }
  return entries.join(path.delimiter);
}

// What the test command sets for its own tests (its infrastructure, its binaries) is not the machine's.
const TEST_COMMAND_VARIABLES = [
  'DATABASE_URL',
  'SMTP_URL',
  'MAIL_INBOX_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_UI_URL',
  'TEMPORAL_CLI_PATH',
  'TEMPORAL_TEST_SERVER_PATH',
  'TEST_RESULTS_DIR',
];

function smoke({ hidden = [] } = {}) {
  const env = { ...process.env, PATH: pathWithout(['pnpm', 'pnpx', ...hidden]) };
  for (const variable of TEST_COMMAND_VARIABLES) delete env[variable];
  for (const variable of Object.keys(env)) if (variable.startsWith('DATABASE_URL_')) delete env[variable];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['infra/bin/smoke.mjs'], {
      cwd: project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function nothingListening() {
  const open = [];
  for (const [name, port] of Object.entries(SMOKE_PORTS)) if (await listening(port)) open.push(name);
  return open;
}

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-machine-'));
  expect(fs.statSync(base).mode & 0o777).toBe(0o700);
  project = path.join(base, 'project');
  // The files a clone of this tree would have: tracked, plus new ones not ignored.
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter((file) => file && fs.existsSync(path.join(root, file)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(project, file));
  }
});

afterAll(() => {
  // As root the clusters live outside the project (printed by smoke.mjs); remove them too.
  const cluster = /postgres cluster: (\S+)/.exec(firstRun?.stdout ?? '')?.[1];
  if (cluster && cluster !== path.join(project, '.data', 'smoke', 'postgres'))
    fs.rmSync(path.resolve(cluster, '..', '..'), { recursive: true, force: true });
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

let firstRun;

it('provisions everything and starts and stops the embedded infrastructure, with no pnpm on PATH', async () => {
  expect(
    pathWithout(['pnpm', 'pnpx'])
      .split(path.delimiter)
      .some((dir) => fs.existsSync(path.join(dir, 'pnpm'))),
  ).toBe(false);
  firstRun = await smoke();
  expect({ code: firstRun.code, stderr: firstRun.stderr }).toEqual({ code: 0, stderr: '' });
  expect(firstRun.stdout).toContain(`package manager (pnpm@`);
  expect(fs.existsSync(path.join(project, '.tools', 'bin', 'pnpm'))).toBe(true);
  expect(firstRun.stdout).toContain('turbo finds the package manager: built @complaints/domain');
  expect(firstRun.stdout).toContain('postgres kept 0 earlier run(s)');
  expect(firstRun.stdout).toMatch(/temporal dev server answers: SERVING/);
  expect(firstRun.stdout).toMatch(/mail catcher answers: inbox at/);
  if (process.getuid() === 0) {
    // Postgres ran as `postgres`, whose cluster had to be outside the private directory.
    const cluster = /postgres cluster: (\S+)/.exec(firstRun.stdout)[1];
    expect(cluster.startsWith(base)).toBe(false);
    expect(fs.statSync(cluster).uid).toBe(
      Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout),
    );
  }
  expect(await nothingListening()).toEqual([]);
});

it('keeps the data across starts', async () => {
  const second = await smoke();
  expect(second.code).toBe(0);
  expect(second.stdout).toContain('postgres kept 1 earlier run(s)');
  expect(await nothingListening()).toEqual([]);
});

it('a port in use: one line naming the port and the fix, non-zero, nothing left running', async () => {
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(SMOKE_PORTS.postgres, '127.0.0.1', resolve));
  try {
    const run = await smoke();
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`port ${SMOKE_PORTS.postgres} (postgres) is already in use`);
    expect(run.stderr).toMatch(/fix: stop whatever listens on 16433/);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
  expect(await nothingListening()).toEqual([]);
});

it('no Go and no Temporal CLI yet: names Go as what to install', async () => {
  // The first run may have used a `temporal` found on PATH instead of building one.
  fs.rmSync(path.join(project, '.tools', 'bin', 'temporal'), { force: true });
  const run = await smoke({ hidden: ['go', 'temporal'] });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('neither `temporal` nor Go is installed');
  expect(run.stderr).toMatch(/fix: install Go/);
  expect(await nothingListening()).toEqual([]);
});

it('no JDK and no test server yet: names the JDK and Maven as what to install', async () => {
  fs.rmSync(path.join(project, '.tools', 'temporal-test-server'), { recursive: true, force: true });
  const run = await smoke({ hidden: ['java', 'mvn'] });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/(java|mvn) is not installed/);
  expect(run.stderr).toMatch(/fix: install a JDK/);
});
