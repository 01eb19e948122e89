import path from 'node:path';
import { ROOT } from './paths.mjs';
import { run } from './exec.mjs';
import { step } from './log.mjs';
import { pnpm } from './tools.mjs';

export async function build() {
  await step('build (turbo run build)', () =>
    pnpm('build', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
      quiet: true,
      tailLines: 80,
      fix: 'fix the compile errors shown above',
    }).then(() => 'compiled'),
  );
}

/** Applies the TypeORM migrations (and, for development, the demo seed) with the packages/db CLI. */
export async function migrate(env, { seed }) {
  const cli = (name) => path.join(ROOT, 'packages', 'db', 'dist', 'cli', `${name}.js`);
  const fix = 'check DATABASE_URL and that the database is reachable';
  await step('database migrations', () =>
    run('migrations', process.execPath, [cli('migrate')], { env, fix, quiet: true }).then(() => 'applied'),
  );
  if (seed)
    await step('demo seed', () =>
      run('seed', process.execPath, [cli('seed')], { env, fix, quiet: true }).then(
        () => 'organisations and demo users present',
      ),
    );
}
