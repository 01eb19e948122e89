#!/usr/bin/env node
// What a fresh machine needs before anything else works, on its own: provisions pnpm, the dependencies,
// the Temporal CLI and the test server; builds one package through turbo (which must find pnpm); starts
// the embedded Postgres, mail catcher and Temporal dev server on ports of their own; proves each one
// answers and that Postgres kept what the previous run wrote; then stops everything.
// Used by infra/test/fresh-machine.test.js on a fresh copy of the project.
import path from 'node:path';
import { info, main, step } from '../lib/log.mjs';
import { Supervisor } from '../lib/supervisor.mjs';
import { MODES, postgresCluster, startInfrastructure } from '../lib/system.mjs';
import { ensureTemporalCli, ensureTestServer, installDependencies, pnpm } from '../lib/tools.mjs';
import { run } from '../lib/exec.mjs';

const mode = MODES.smoke;
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));

await main(
  async () => {
    await installDependencies();
    const [temporalCli] = await Promise.all([ensureTemporalCli(), ensureTestServer()]);
    await step('turbo finds the package manager', () =>
      pnpm(
        'build',
        ['exec', 'turbo', 'run', 'build', '--filter=@complaints/domain', '--output-logs=errors-only'],
        {
          quiet: true,
          fix: 'fix the compile errors shown above',
        },
      ).then(() => 'built @complaints/domain'),
    );
    const env = await step('infrastructure', () => startInfrastructure(supervisor, mode, temporalCli));
    info(`postgres cluster: ${postgresCluster(mode)}`);

    const { default: pg } = await import('pg'); // installed by the step above
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    await client.query(
      'CREATE TABLE IF NOT EXISTS smoke_run (started_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query('SELECT count(*)::int AS runs FROM smoke_run');
    await client.query('INSERT INTO smoke_run DEFAULT VALUES');
    await client.end();
    info(`postgres kept ${rows[0].runs} earlier run(s)`);

    await step('temporal dev server answers', () =>
      run('temporal', temporalCli, ['operator', 'cluster', 'health', '--address', env.TEMPORAL_ADDRESS], {
        quiet: true,
        fix: 'see .data/smoke/logs/temporal.log',
      }).then((output) => output.trim()),
    );
    await step('mail catcher answers', async () => {
      const response = await fetch(`${env.MAIL_INBOX_URL}/email`);
      if (!response.ok) throw new Error(`mail inbox answered ${response.status}`);
      return `inbox at ${env.MAIL_INBOX_URL}`;
    });
    await step('stopping', () => supervisor.stopAll().then(() => 'stopped'));
  },
  () => supervisor.stopAll(),
);
