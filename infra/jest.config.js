module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.js'],
  // The fresh-machine, fault and fuzz tests each run a whole system: one at a time on a 2-core machine.
  maxWorkers: 1,
  reporters: ['default', require.resolve('./lib/results-reporter.cjs')],
};
