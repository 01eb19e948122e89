// Provisioning of the binaries the system needs, from package registries only, cached under .tools/.
// Each step is skipped when already satisfied; an environment variable or PATH entry wins over a download.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, TOOLS_BIN, TOOLS_DIR } from './paths.mjs';
import { run, which } from './exec.mjs';
import { StepFailed, info, step } from './log.mjs';
import { waitForPort } from './ports.mjs';

export const TEMPORAL_CLI_VERSION = '1.5.1';
const TEST_SERVER_DIR = path.join(TOOLS_DIR, 'temporal-test-server');
const TEST_SERVER_POM = path.join(ROOT, 'infra', 'test-server', 'pom.xml');
const TEST_SERVER_WRAPPER = path.join(TOOLS_BIN, 'temporal-test-server');

const PACKAGE_MANAGER = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).packageManager;
const [PNPM_SPEC, PNPM_SHA512] = PACKAGE_MANAGER.split('+sha512.');
const PNPM_DIR = path.join(TOOLS_DIR, PNPM_SPEC);
const PNPM_ENTRY = path.join(PNPM_DIR, 'package', 'bin', 'pnpm.cjs');

/**
 * The pnpm pinned (with its checksum) by `packageManager` in package.json, fetched from the npm registry
 * into .tools/ and put on the PATH of this process, so every child (turbo included) finds it. Nothing is
 * installed globally and corepack is not needed.
 */
export async function ensurePnpm() {
  await step(`package manager (${PNPM_SPEC})`, async () => {
    if (!fs.existsSync(PNPM_ENTRY)) {
      fs.rmSync(PNPM_DIR, { recursive: true, force: true });
      fs.mkdirSync(PNPM_DIR, { recursive: true });
      const fix = 'check that the npm registry is reachable (`npm ping`)';
      await run('fetching pnpm', 'npm', ['pack', PNPM_SPEC, '--pack-destination', PNPM_DIR], {
        quiet: true,
        fix,
      });
      const tarball = path.join(
        PNPM_DIR,
        fs.readdirSync(PNPM_DIR).find((file) => file.endsWith('.tgz')),
      );
      const digest = crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('hex');
      if (digest !== PNPM_SHA512) {
        fs.rmSync(PNPM_DIR, { recursive: true, force: true });
        throw new StepFailed(
          'package manager',
          `the ${PNPM_SPEC} tarball from the registry does not match the sha512 pinned in package.json`,
          'check the registry configured in ~/.npmrc; never edit the pinned checksum to make it pass',
        );
      }
      await run('unpacking pnpm', 'tar', ['-xzf', tarball, '-C', PNPM_DIR], {
        quiet: true,
        fix: 'install tar',
      });
    }
    writeShim('pnpm', PNPM_ENTRY);
    writeShim('pnpx', path.join(PNPM_DIR, 'package', 'bin', 'pnpx.cjs'));
    putToolsOnPath();
    return path.join(TOOLS_BIN, 'pnpm');
  });
}

function writeShim(name, entry) {
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  const script = `#!/bin/sh\n# ${PNPM_SPEC}, provisioned by infra/lib/tools.mjs.\nexec "${process.execPath}" "${entry}" "$@"\n`;
  const file = path.join(TOOLS_BIN, name);
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== script)
    fs.writeFileSync(file, script, { mode: 0o755 });
}

/** .tools/bin first on PATH, for this process and everything it starts. */
export function putToolsOnPath() {
  const entries = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => entry && entry !== TOOLS_BIN);
  process.env.PATH = [TOOLS_BIN, ...entries].join(path.delimiter);
}

export function pnpm(stepName, args, options = {}) {
  return run(stepName, path.join(TOOLS_BIN, 'pnpm'), args, {
    cwd: ROOT,
    fix: 'check that the npm registry is reachable (npm ping) and that Node.js >= 20.11 is installed',
    ...options,
  });
}

export async function installDependencies() {
  await ensurePnpm();
  await step('dependencies (pnpm install)', async () => {
    await pnpm('pnpm install', ['install', '--frozen-lockfile', '--reporter=append-only'], { quiet: true });
    return 'up to date';
  });
}

function cliVersion(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium for the public web service's browser tests, from the machine's package manager
 * (Debian's `chromium`): a browser download from anywhere else is not allowed. CHROMIUM_PATH wins.
 */
export async function ensureChromium() {
  return step('Chromium (browser tests)', async () => {
    const given = process.env.CHROMIUM_PATH;
    if (given) {
      if (!fs.existsSync(given))
        throw new StepFailed(
          'Chromium',
          `CHROMIUM_PATH=${given} does not exist`,
          'unset it or point it at a chromium binary',
        );
      return given;
    }
    if (fs.existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!root || !which('apt-get'))
      throw new StepFailed(
        'Chromium',
        `${CHROMIUM_PATH} is missing`,
        "install Debian's chromium package (sudo apt-get install --no-install-recommends chromium), or set CHROMIUM_PATH",
      );
    info("  installing Debian's chromium package (first run only)");
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get update', 'apt-get', ['update'], {
      env,
      quiet: true,
      fix: 'check that the Debian mirrors are reachable',
    });
    await run('Chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      env,
      quiet: true,
      fix: 'install chromium yourself (apt-get install chromium), or set CHROMIUM_PATH',
    });
    return CHROMIUM_PATH;
  });
}

/** The Temporal CLI (dev server + Web UI): TEMPORAL_CLI_PATH, else PATH, else `go install` into .tools/bin. */
export async function ensureTemporalCli() {
  return step('Temporal CLI', async () => {
    if (process.env.TEMPORAL_CLI_PATH) {
      if (!fs.existsSync(process.env.TEMPORAL_CLI_PATH)) {
        throw new StepFailed(
          'Temporal CLI',
          `TEMPORAL_CLI_PATH=${process.env.TEMPORAL_CLI_PATH} does not exist`,
          'unset it or point it at a temporal binary',
        );
      }
      return process.env.TEMPORAL_CLI_PATH;
    }
    const cached = path.join(TOOLS_BIN, 'temporal');
    // `go install` builds report version 0.0.0-DEV, so the installed version is kept in a stamp file.
    const stamp = `${cached}.version`;
    if (
      fs.existsSync(cached) &&
      fs.existsSync(stamp) &&
      fs.readFileSync(stamp, 'utf8') === TEMPORAL_CLI_VERSION
    )
      return cached;
    const onPath = which('temporal');
    if (onPath && cliVersion(onPath)) return onPath;
    if (!which('go')) {
      throw new StepFailed(
        'Temporal CLI',
        'neither `temporal` nor Go is installed',
        'install Go >= 1.23 (https://go.dev/doc/install) or set TEMPORAL_CLI_PATH',
      );
    }
    info(
      `  fetching github.com/temporalio/cli@v${TEMPORAL_CLI_VERSION} from the Go module proxy and building it (first run only, a few minutes)`,
    );
    await run(
      'Temporal CLI',
      'go',
      ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`],
      {
        env: { GOBIN: TOOLS_BIN, GOFLAGS: '-trimpath' },
        fix: 'check that the Go module proxy is reachable (go env GOPROXY), or set TEMPORAL_CLI_PATH',
        quiet: true,
      },
    );
    fs.writeFileSync(stamp, TEMPORAL_CLI_VERSION);
    return cached;
  });
}

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH, else the Maven Central artifact behind a wrapper. */
export async function ensureTestServer() {
  return step('Temporal time-skipping test server', async () => {
    if (process.env.TEMPORAL_TEST_SERVER_PATH) return process.env.TEMPORAL_TEST_SERVER_PATH;
    const libDir = path.join(TEST_SERVER_DIR, 'lib');
    const stamp = path.join(TEST_SERVER_DIR, 'pom.stamp');
    const pom = fs.readFileSync(TEST_SERVER_POM, 'utf8');
    if (!(
      fs.existsSync(stamp) &&
      fs.readFileSync(stamp, 'utf8') === pom &&
      fs.existsSync(TEST_SERVER_WRAPPER)
    )) {
      for (const tool of ['java', 'mvn']) {
        if (!which(tool)) {
          throw new StepFailed(
            'test server',
            `${tool} is not installed`,
            'install a JDK >= 11 and Maven (apt-get install default-jdk-headless maven), or set TEMPORAL_TEST_SERVER_PATH',
          );
        }
      }
      info('  fetching io.temporal:temporal-test-server and its dependencies from Maven Central');
      fs.rmSync(TEST_SERVER_DIR, { recursive: true, force: true });
      await run(
        'test server',
        'mvn',
        ['-q', '-B', '-f', TEST_SERVER_POM, 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`],
        {
          fix: 'check that Maven Central is reachable, or set TEMPORAL_TEST_SERVER_PATH',
          quiet: true,
        },
      );
      writeTestServerWrapper();
      await buildClassDataArchive();
      fs.writeFileSync(stamp, pom);
    }
    return TEST_SERVER_WRAPPER;
  });
}

// The SDK gives the test server a few seconds to accept connections, and a JVM on a busy 2-core machine
// can miss that. The wrapper starts the JVM lean (C1 only, serial GC) and from an application class-data
// archive (AppCDS), which removes most class loading from start-up.
const JVM_FLAGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xss512k', '-XX:-UsePerfData'];

function writeTestServerWrapper() {
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  const script = `#!/bin/sh
# Temporal time-skipping test server (Maven Central artifact), written by infra/lib/tools.mjs.
dir="${TEST_SERVER_DIR}"
exec java ${JVM_FLAGS.join(' ')} -Xshare:auto -XX:SharedArchiveFile="$dir/classes.jsa" -cp "$dir/lib/*" io.temporal.testserver.TestServer "$@"
`;
  fs.writeFileSync(TEST_SERVER_WRAPPER, script, { mode: 0o755 });
}

async function buildClassDataArchive() {
  const port = 17999;
  const archive = path.join(TEST_SERVER_DIR, 'classes.jsa');
  const child = spawn(
    'java',
    [
      ...JVM_FLAGS,
      `-XX:ArchiveClassesAtExit=${archive}`,
      '-cp',
      `${path.join(TEST_SERVER_DIR, 'lib')}/*`,
      'io.temporal.testserver.TestServer',
      String(port),
    ],
    { stdio: 'ignore' },
  );
  let alive = true;
  const exited = new Promise((resolve) => child.on('exit', () => ((alive = false), resolve())));
  const up = await waitForPort(port, { timeoutMs: 60_000, isAlive: () => alive });
  child.kill('SIGTERM');
  await exited;
  if (!up || !fs.existsSync(archive))
    info('  (class-data archive not created; the test server starts without it)');
}

export const SCHEMATHESIS_VERSION = '4.32.5';

/**
 * Schemathesis (the OpenAPI fuzzer of the fuzz test) from PyPI, pinned, in its own virtual environment
 * under .tools/; SCHEMATHESIS_PATH names an existing `st` instead. Needs Python >= 3.9 with venv.
 */
export async function ensureSchemathesis() {
  return step(`Schemathesis ${SCHEMATHESIS_VERSION}`, async () => {
    if (process.env.SCHEMATHESIS_PATH) return process.env.SCHEMATHESIS_PATH;
    const venv = path.join(TOOLS_DIR, `schemathesis-${SCHEMATHESIS_VERSION}`);
    const st = path.join(venv, 'bin', 'st');
    if (fs.existsSync(path.join(venv, '.complete')) && fs.existsSync(st)) return st;
    const python = which('python3');
    if (!python) {
      throw new StepFailed(
        'Schemathesis',
        'python3 is not installed',
        'install Python >= 3.9 with venv (apt-get install python3 python3-venv), or set SCHEMATHESIS_PATH',
      );
    }
    fs.rmSync(venv, { recursive: true, force: true });
    await run('Schemathesis', python, ['-m', 'venv', venv], {
      quiet: true,
      fix: 'install the venv module (apt-get install python3-venv), or set SCHEMATHESIS_PATH',
    });
    info(`  fetching schemathesis==${SCHEMATHESIS_VERSION} from PyPI (first run only)`);
    await run(
      'Schemathesis',
      path.join(venv, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
      { quiet: true, fix: 'check that PyPI is reachable (pip config list), or set SCHEMATHESIS_PATH' },
    );
    fs.writeFileSync(path.join(venv, '.complete'), SCHEMATHESIS_VERSION);
    return st;
  });
}
