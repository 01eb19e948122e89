// Jest reporter: writes each package's pass/fail counts to TEST_RESULTS_DIR, so the test command can
// print one closing line for the whole repository.
const fs = require('node:fs');
const path = require('node:path');

class ResultsFileReporter {
  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_RESULTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(process.cwd());
    fs.writeFileSync(
      path.join(dir, `jest-${name}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      }),
    );
  }
}
module.exports = ResultsFileReporter;
