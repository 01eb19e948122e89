// The property-based run of the fuzz test (issue #16): Schemathesis against the OpenAPI document of each
// HTTP service of a whole system of its own, every operation the document lists (so new endpoints are
// covered without being named here), following the documents' links from what a POST made (a new
// complaint's reference) in its stateful phase. A fixed seed and a bounded number of examples make a
// failure reproduce. Writes { service: { exitCode, summary } } as JSON to its first argument.
//
// Usage: node fuzz-apis.mjs <result.json> [examples=12] [seed=16]
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Supervisor } from '../../lib/supervisor.mjs';
import { ensureSchemathesis, ensureTemporalCli } from '../../lib/tools.mjs';
import { staffToken, startWholeSystem, wholeSystemMode } from '../../lib/whole-system.mjs';

const [resultFile, examplesArg, seedArg] = process.argv.slice(2);
const EXAMPLES = Number(examplesArg ?? 12);
const SEED = Number(seedArg ?? 16);
const STATEFUL_SCENARIOS_PER_EXAMPLE = 5;
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];
// Whom each service is fuzzed as: a complaints manager may do most of what the API offers.
const SERVICES = {
  'complaints-api': { staff: 'hpft-complaints-manager', audience: 'complaints-staff' },
  correspondence: { staff: 'hpft-complaints-manager', audience: 'complaints-staff' },
  'joint-protocol': { staff: 'hpft-complaints-manager', audience: 'complaints-partners' },
};
const mode = wholeSystemMode('fuzz', 23_000);
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
const reportDir = path.join(mode.dataDir, 'reports');

try {
  const [temporalCli, st] = [await ensureTemporalCli(), await ensureSchemathesis()];
  const env = await startWholeSystem(supervisor, mode, temporalCli, {
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
    RATE_LIMIT_PDF_PER_MINUTE: '100000',
  });
  fs.mkdirSync(reportDir, { recursive: true });
  const known = await seedCaseFile(env);
  // Every path parameter named here takes a real value, so operations reach past their 404; the links
  // still carry what the stateful phase creates itself.
  const configFile = path.join(reportDir, 'schemathesis.toml');
  // The stateful phase gets more scenarios than the others get examples: each starts from a random
  // operation, and with a hundred of them ten scenarios may follow no link at all.
  fs.writeFileSync(
    configFile,
    [
      `[generation]\nmax-examples = ${EXAMPLES}\n`,
      `[phases.stateful.generation]\nmax-examples = ${EXAMPLES * STATEFUL_SCENARIOS_PER_EXAMPLE}\n`,
      `[parameters]\n"path.reference" = "${known.reference}"\n"path.id" = "${known.letterId}"\n`,
    ].join('\n'),
  );
  process.stdout.write(`[fuzz] a known complaint ${known.reference} and its letter ${known.letterId}\n`);
  const result = {};
  for (const [service, { staff, audience }] of Object.entries(SERVICES)) {
    const base = `http://127.0.0.1:${mode.ports[service]}`;
    const args = [
      '--config-file',
      configFile,
      'run',
      `${base}/docs-json`,
      '--url',
      base,
      '--header',
      `Authorization: Bearer ${staffToken(env, staff, audience)}`,
      '--checks',
      CHECKS.join(','),
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--seed',
      String(SEED),
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--suppress-health-check',
      'all',
      '--output-sanitize',
      'true',
      '--report',
      'junit',
      '--report-junit-path',
      path.join(reportDir, `${service}.xml`),
    ];
    process.stdout.write(
      `\n[fuzz] ${service}: st ${args.filter((arg) => !arg.startsWith('Authorization')).join(' ')}\n`,
    );
    result[service] = await runSchemathesis(st, args);
  }
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
} catch (error) {
  process.stdout.write(`[fuzz] failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
} finally {
  await supervisor.stopAll();
}

/** One complaint, acknowledged in writing, so the fuzzed operations have a real case file and letter. */
async function seedCaseFile(env) {
  const api = `http://127.0.0.1:${mode.ports['complaints-api']}`;
  const correspondence = `http://127.0.0.1:${mode.ports.correspondence}`;
  const headers = {
    Authorization: `Bearer ${staffToken(env, 'hpft-complaints-manager')}`,
    'Content-Type': 'application/json',
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const created = await fetch(`${api}/complaints`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      organisation: 'HPFT',
      kind: 'complaint',
      channel: 'email',
      receivedOn: today,
      complainant: { name: 'Robin Fuzz', email: 'robin.fuzz@example.org', relationship: 'patient' },
      replyChannels: ['email'],
      issues: [{ description: 'The clinic letter gave the wrong date for my appointment.' }],
      outcomeSought: 'An explanation',
    }),
  }).then((response) => response.json());
  const { reference } = created;
  if (!reference) throw new Error(`the seed complaint was refused: ${JSON.stringify(created)}`);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const acknowledged = await fetch(`${api}/complaints/${reference}/acknowledgement`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ method: 'written' }),
    });
    if (acknowledged.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const items = await fetch(`${correspondence}/complaints/${reference}/correspondence`, { headers }).then(
      (response) => response.json(),
    );
    const letter = (Array.isArray(items) ? items : (items.items ?? []))[0];
    if (letter?.id) return { reference, letterId: letter.id };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the seed complaint ${reference} got no letter`);
}

function runSchemathesis(st, args) {
  return new Promise((resolve) => {
    const child = spawn(st, args, {
      cwd: reportDir, // its own cache (.schemathesis/) stays with the reports
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code) =>
      resolve({
        exitCode: code,
        summary: output
          .slice(
            output.lastIndexOf('FAILURES') === -1
              ? output.lastIndexOf('SUMMARY')
              : output.lastIndexOf('FAILURES'),
          )
          .slice(0, 20_000),
        output,
      }),
    );
  });
}
