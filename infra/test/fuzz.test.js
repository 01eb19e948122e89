// Fuzzing in the test command (issue #16): Schemathesis, pinned and provisioned from PyPI, against the
// OpenAPI documents of the three HTTP services of a whole system of its own (test/fuzz/fuzz-apis.mjs),
// with a fixed seed and a bounded number of examples: no 5xx, and every response's status code, content
// type and body as its operation documents them. FUZZ_EXAMPLES and FUZZ_SEED change the run.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const EXAMPLES = Number(process.env.FUZZ_EXAMPLES ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 16);
jest.setTimeout(15 * 60_000);

let result;

beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-')), 'result.json');
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'fuzz', 'fuzz-apis.mjs'), file, String(EXAMPLES), String(SEED)],
    { cwd: path.resolve(__dirname, '..'), stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the fuzz run could not run (exit ${code}); its output is above`);
  result = JSON.parse(fs.readFileSync(file, 'utf8'));
});

describe.each(['complaints-api', 'correspondence', 'joint-protocol'])('%s', (service) => {
  it('answers every generated request without a 5xx and as its OpenAPI document says', () => {
    const { exitCode, summary } = result[service];
    // Schemathesis's own summary names each failure, with a curl line and `st replay` to reproduce it.
    expect({ exitCode, summary: exitCode === 0 ? 'passed' : summary }).toEqual({
      exitCode: 0,
      summary: 'passed',
    });
    expect(summary).toMatch(/Tested: [1-9]\d*/);
    const [, generated, passed] = summary.match(/(\d+) generated, (\d+) passed/) ?? [];
    expect(Number(generated)).toBeGreaterThan(0);
    expect(passed).toBe(generated);
  });
});

it('follows the OpenAPI links from what a POST made in the stateful phase', () => {
  const [, covered] = result['complaints-api'].output.match(/API Links:\s+(\d+) covered/) ?? [];
  expect(Number(covered)).toBeGreaterThan(0);
});
