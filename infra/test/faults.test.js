// Faults that lose nothing (issue #16, ADR 0002 and 0007): the whole system on its own ports, complaints
// taken in and acknowledged while the API and both workers are SIGKILLed and restarted, and Postgres and
// Temporal restarted once each (test/faults/lose-nothing.mjs). Nothing answered 201 may be lost or doubled.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const COMPLAINTS = Number(process.env.FAULTS_COMPLAINTS ?? 60);
const SEED = Number(process.env.FAULTS_SEED ?? 16);
jest.setTimeout(12 * 60_000);

let result;

beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faults-')), 'result.json');
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'faults', 'lose-nothing.mjs'), file, String(COMPLAINTS), String(SEED)],
    { cwd: path.resolve(__dirname, '..'), stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the fault run failed (exit ${code}); its output is above`);
  result = JSON.parse(fs.readFileSync(file, 'utf8'));
});

it('made every planned fault, and no process died on its own', () => {
  const planned = result.faults.filter((fault) => !fault.unplanned).map((fault) => fault.name);
  expect(planned.sort()).toEqual(
    [
      'complaints-api',
      'complaints-api',
      'correspondence',
      'correspondence',
      'postgres',
      'temporal',
      'worker',
      'worker',
    ].sort(),
  );
  expect(result.faults.filter((fault) => fault.unplanned)).toEqual([]);
});

it('answered every complaint 201 in the end, and acknowledged each one', () => {
  expect(result.gaveUp).toEqual([]);
  expect(result.accepted).toHaveLength(COMPLAINTS);
  expect(result.acknowledged.sort()).toEqual(result.accepted.sort());
});

it('keeps every complaint answered 201 in the record, and nothing else', () => {
  expect(result.recorded.map((row) => row.reference).sort()).toEqual(result.accepted.sort());
  expect(result.recorded.filter((row) => !row.started)).toEqual([]);
});

it('gives every accepted complaint exactly one workflow run', () => {
  const expected = Object.fromEntries(result.accepted.map((reference) => [reference, 1]));
  expect(result.workflowRuns).toEqual(expected);
});

it('sends each acknowledgement letter to the inbox exactly once, or records it unconfirmed (ADR 0007)', () => {
  expect(result.letters.map((letter) => letter.reference).sort()).toEqual(result.accepted.sort());
  for (const letter of result.letters) {
    if (letter.status === 'unconfirmed') expect(letter.inInbox).toBeLessThanOrEqual(1);
    else expect(letter).toEqual(expect.objectContaining({ status: 'delivered', inInbox: 1 }));
  }
});

it('records no timeline event twice', () => {
  expect(result.duplicateEvents).toEqual([]);
  expect(result.acknowledgedEvents.sort()).toEqual(result.accepted.sort());
});
