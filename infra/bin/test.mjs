#!/usr/bin/env node
// The README's test command: provisions what is missing, then runs every test of the repository
// (unit, workflow on the time-skipping server, integration on real Postgres, Temporal and SMTP).
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT } from '../lib/paths.mjs';
import { info, main, step } from '../lib/log.mjs';
import { Supervisor } from '../lib/supervisor.mjs';
import { MODES, startInfrastructure } from '../lib/system.mjs';
import {
  ensureChromium,
  ensureSchemathesis,
  ensureTemporalCli,
  ensureTestServer,
  installDependencies,
  pnpm,
} from '../lib/tools.mjs';
import { build, migrate } from '../lib/build.mjs';
import { ensureClusterTools } from '../lib/cluster-tools.mjs';
import { run } from '../lib/exec.mjs';

// `npm test -- --filter=@complaints/complaints-api [-- <jest arguments>]` runs one package's tests (no
// lint or format check) on the same throw-away infrastructure; the README's plain `npm test` runs all.
const separator = process.argv.indexOf('--');
const filters = process.argv
  .slice(2, separator === -1 ? undefined : separator)
  .filter((arg) => arg.startsWith('--filter='));
const jestArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
const mode = MODES.test;
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
const resultsDir = path.join(DATA_DIR, 'test-results');

await main(
  async () => {
    const started = Date.now();
    await installDependencies();
    const [temporalCli, testServer, chromium, schemathesis] = await Promise.all([
      ensureTemporalCli(),
      ensureTestServer(),
      ensureChromium(),
      ensureSchemathesis(),
    ]);
    await ensureClusterTools(); // for the cluster topology's test (infra/test/cluster.test.js)
    await build();
    if (filters.length === 0) await checkSources();

    const env = await step('test infrastructure (Postgres, SMTP, Temporal dev server)', () =>
      startInfrastructure(supervisor, mode, temporalCli),
    );
    await migrate(env, { seed: false });

    fs.rmSync(resultsDir, { recursive: true, force: true });
    fs.mkdirSync(resultsDir, { recursive: true });
    const testEnv = {
      ...env,
      TEMPORAL_TEST_SERVER_PATH: testServer,
      TEMPORAL_CLI_PATH: temporalCli,
      CHROMIUM_PATH: chromium,
      SCHEMATHESIS_PATH: schemathesis,
      TEST_RESULTS_DIR: resultsDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    let failure;
    try {
      await run(
        'tests',
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'turbo', 'bin', 'turbo'),
          'run',
          'test',
          '--concurrency=1',
          '--continue',
          '--output-logs=full',
          ...filters,
          ...(jestArgs.length ? ['--', ...jestArgs] : []),
        ],
        {
          cwd: ROOT,
          env: testEnv,
          fix: 'see the failing tests above',
          diagnosed: false,
        },
      );
    } catch (error) {
      failure = error;
    }
    await supervisor.stopAll();

    const totals = readTotals();
    info(`finished in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    // A plain closing line, summed over every package's test runner.
    process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed\n`);
    if (failure) throw failure;
    if (totals.passed === 0) throw new Error('no test ran');
  },
  () => supervisor.stopAll(),
);

async function checkSources() {
  await step('lint and typecheck', () =>
    pnpm('lint/typecheck', ['exec', 'turbo', 'run', 'lint', 'typecheck', '--output-logs=errors-only'], {
      fix: 'fix the errors shown above',
    }).then(() => 'clean'),
  );
  await step('formatting (prettier --check)', () =>
    pnpm('formatting', ['exec', 'prettier', '--check', '.'], {
      quiet: true,
      fix: 'run `npm run format`',
    }).then(() => 'clean'),
  );
}

function readTotals() {
  const totals = { passed: 0, failed: 0 };
  // Only the runners' count files: browser tests keep their screenshots in a folder beside them.
  const files = fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : [];
  for (const file of files.filter((name) => name.endsWith('.json'))) {
    const result = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
  }
  return totals;
}
