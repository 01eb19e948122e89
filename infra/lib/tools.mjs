// Provisioning of the binaries the system needs, from package registries only, cached under .tools/.
// Each step is skipped when already satisfied; an environment variable or PATH entry wins over a download.
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

/** pnpm, pinned (with its checksum) by `packageManager` in package.json, through corepack. */
export function pnpmCommand() {
  if (which('corepack')) return { command: 'corepack', prefix: ['pnpm'] };
  const { packageManager } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { command: 'npx', prefix: ['--yes', packageManager.split('+')[0]] };
}

// corepack verifies pnpm against the sha512 pinned in packageManager; registry signature keys are not
// served by every registry mirror, so the key check (not the checksum) is turned off.
export const pnpmEnv = { COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_INTEGRITY_KEYS: '0' };

export function pnpm(stepName, args, options = {}) {
  const { command, prefix } = pnpmCommand();
  return run(stepName, command, [...prefix, ...args], {
    cwd: ROOT,
    fix: 'check that the npm registry is reachable (npm ping) and that Node.js >= 20.11 is installed',
    ...options,
    env: { ...pnpmEnv, ...options.env },
  });
}

export async function installDependencies() {
  await step('dependencies (pnpm install)', async () => {
    await pnpm('pnpm install', ['install', '--frozen-lockfile', '--reporter=append-only'], { quiet: true });
    return 'up to date';
  });
}

function cliVersion(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
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
