// A calm start: a service's log lines go to its file; the console shows only its errors (and lines
// that are not JSON, such as a crash), prefixed with the service's name; --verbose shows them all.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const supervisor = path.resolve(__dirname, '..', 'lib', 'supervisor.mjs');
const service = [
  `console.log(JSON.stringify({ level: 30, msg: 'Mapped {/complaints, POST} route' }));`,
  `console.log(JSON.stringify({ level: 50, msg: 'outbox relay failed', err: { message: 'connection refused' } }));`,
  `console.log(JSON.stringify({ level: 'error', msg: 'workflow task failed', service: 'temporal-sdk' }));`,
  `console.error('Error: Cannot find module x');`,
  `setTimeout(() => {}, 60000);`,
].join('\n');

function runSupervised(echo) {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calm-console-'));
  const script = `
    import { Supervisor } from ${JSON.stringify(supervisor)};
    const supervisor = new Supervisor(${JSON.stringify(logDir)});
    await supervisor.start('complaints-api', {
      command: process.execPath, args: ['-e', ${JSON.stringify(service)}],
      readyLine: /Cannot find module/, echo: ${JSON.stringify(echo)},
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await supervisor.stopAll();
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const log = fs.readFileSync(path.join(logDir, 'complaints-api.log'), 'utf8');
  fs.rmSync(logDir, { recursive: true, force: true });
  return { console: `${result.stdout}${result.stderr}`, log };
}

it('shows only errors on the console, named by service, and keeps every line in the log file', () => {
  const { console, log } = runSupervised('errors');
  expect(console.trim().split('\n')).toEqual([
    'complaints-api  | ERROR outbox relay failed: connection refused',
    'complaints-api  | ERROR workflow task failed',
    'complaints-api  | Error: Cannot find module x',
  ]);
  expect(log).toContain('Mapped {/complaints, POST} route');
  expect(log).toContain('Cannot find module x');
});

it('--verbose shows every line', () => {
  const { console } = runSupervised('all');
  expect(console).toContain('complaints-api  | {"level":30,"msg":"Mapped {/complaints, POST} route"}');
  expect(console).toContain('complaints-api  | Error: Cannot find module x');
});
